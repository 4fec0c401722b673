/** Injection tokens shared by the slices. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const API_CONFIG = Symbol('API_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const PUB_SUB = Symbol('PUB_SUB');

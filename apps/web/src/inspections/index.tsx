/**
 * Where the page meets the inspections wing (视察考察). Views come in a later commit; until then
 * the wing offers the page nothing.
 */
import type { PageWing } from '../wings.js';

export const inspectionsWing: PageWing = {
  name: 'inspections',
  viewsFor: () => [],
  loadViews: () => Promise.reject(new Error('no inspections views yet')),
};

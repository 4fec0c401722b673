/** What the duty views and the office's forms share: the wing's translator and a period's query variables. */
import { useWingT, type WingTranslate } from '../i18n.js';
import type { DutyScope } from './index.js';
import { DUTY_LABELS } from './labels.js';

export type Key = keyof typeof DUTY_LABELS;
export type T = WingTranslate<Key>;
export const useDT = (): T => useWingT(DUTY_LABELS);

/** A period as the queries' $y / $t. */
export const scopeVars = (scope: DutyScope) => ({ y: scope.year ?? null, t: scope.termId ?? null });

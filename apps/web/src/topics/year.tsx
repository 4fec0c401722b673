/** The year a wing's view shows, chosen like the dashboard's: next year (set ahead) back to eleven years ago, and the one shown. */
import { useT } from '../i18n.js';
import { committeeToday } from '../ui/common.js';

/** The year the address names (the leaders' dashboard keeps it there: #/?year=2020), else this year. */
export function initialYear(): number {
  const year = Number(new URLSearchParams(location.hash.replace(/^#\/?\??/, '')).get('year'));
  return Number.isInteger(year) && year > 1900 ? year : committeeToday().year;
}

export function YearSelect({ year, onChange, testId }: { year: number; onChange: (year: number) => void; testId: string }) {
  const t = useT();
  const thisYear = committeeToday().year;
  const years = Array.from({ length: 13 }, (_, i) => thisYear + 1 - i);
  if (!years.includes(year)) years.push(year);
  return (
    <label class="inline small">
      {t('year')}
      <select name="year" data-testid={testId} value={year} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {years.map((y) => <option key={y} value={y}>{y}</option>)}
      </select>
    </label>
  );
}


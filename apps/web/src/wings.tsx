/**
 * The page's wings: one entry per system with views of its own (proposals, opinion reports,
 * inspections, duty records). Each says which views a caller's role and grants open, loads those views as a
 * chunk of its own only when a caller has one, and may offer a card for the leaders' dashboard
 * (loaded the same way). The app (app.tsx) and the leaders' page (leaders/leaders.tsx) map over
 * this list, so adding a wing to the page is one line here.
 */
import type { ComponentType } from 'preact';
import type { Caller } from './app.js';
import { inspectionsWing } from './inspections/index.js';
import { opinionsWing } from './opinions/index.js';
import { proposalsWing } from './proposals/index.js';
import { complianceWing } from './compliance/index.js';
import { partyCommitteeWing, topicsWing } from './topics/index.js';
import { trailWing } from './trail/index.js';
import { dutyWing } from './duty/index.js';
import { Lazy, preload } from './ui/lazy.js';

/** One view of a wing for this caller: what kind of work (the wing's own words) and for whom (a unit's or a member's id). */
export interface WingView {
  role: string;
  id?: string;
}

/** What the leaders' dashboard hands a wing's card: the year it shows and the moment it is read as of ('' for now). */
export interface LeadersCardProps {
  year: number;
  asOf: string;
}

export interface PageWing {
  name: string;
  /** The views a caller gets, in the order the page shows them; none for most callers. */
  viewsFor(caller: Caller): WingView[];
  /** The chunk with the views (a dynamic import, so the first load carries none of them). */
  loadViews(): Promise<{ WingView: ComponentType<WingView> }>;
  /** The card on the leaders' dashboard (LEADER and AUDITOR), its own chunk too. */
  loadLeadersCard?(): Promise<{ LeadersCard: ComponentType<LeadersCardProps> }>;
}

export const PAGE_WINGS: readonly PageWing[] = [proposalsWing, opinionsWing, inspectionsWing, topicsWing, partyCommitteeWing, complianceWing, trailWing, dutyWing];

/** The grants' ids as a list, whichever of `ids` (several) or `id` (one) the grant carries. */
export const grantIds = (g: Caller['grants'][number]): string[] => g.ids ?? (g.id ? [g.id] : []);

/** True when some wing has a view for this caller. */
export const hasWingViews = (caller: Caller): boolean => PAGE_WINGS.some((w) => w.viewsFor(caller).length > 0);

/** Every wing's views for this caller, each wing's chunk loaded only if it has one. */
export function WingViews({ caller }: { caller: Caller }) {
  return (
    <>
      {PAGE_WINGS.map((wing) => {
        const views = wing.viewsFor(caller);
        if (views.length === 0) return null;
        return (
          <div class="wing" data-testid={wing.name} key={wing.name}>
            {views.map((v) => (
              <Lazy key={`${v.role}:${v.id ?? ''}`} load={wing.loadViews} pick={(m) => m.WingView} props={v} />
            ))}
          </div>
        );
      })}
    </>
  );
}

/** Fetches the wings' leaders' cards while the dashboard asks its first question, so they render with it. */
export function preloadLeadersCards(): void {
  for (const wing of PAGE_WINGS) if (wing.loadLeadersCard) void preload(wing.loadLeadersCard).catch(() => undefined);
}

/** The wings' cards on the leaders' dashboard, for its year and asOf; each a full-width row of the dashboard's grid. */
export function LeadersWingCards(props: LeadersCardProps) {
  return (
    <>
      {PAGE_WINGS.map((wing) =>
        wing.loadLeadersCard ? (
          <div class="wide-slot" data-testid={`${wing.name}-leaders`} key={wing.name}>
            <Lazy load={wing.loadLeadersCard} pick={(m) => m.LeadersCard} props={props} />
          </div>
        ) : null,
      )}
    </>
  );
}

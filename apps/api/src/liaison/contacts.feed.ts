/**
 * Feeds the contactLogged and contactChanged subscriptions: every event that moves a contact's
 * figures, once the live projections hold it. Events folded while the projections catch up with
 * the log at start are history, not news, and are not published. Events are published in the order
 * they were applied.
 */
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner } from '#projections/shared/runner';
import { EVENT_STORE, PUB_SUB } from '../common/tokens.js';
import { EventStore } from '#event-store/eventStore';
import { rememberContactText } from '#projections/liaison/network/contactText';
import { CONTACT_CHANGED, CONTACT_LOGGED } from './contacts.resolver.js';
import { ContactChangeKind } from './contacts.types.js';

@Injectable()
export class ContactFeed implements OnModuleInit, OnModuleDestroy {
  private stop: (() => void) | undefined;
  /** Events applied in this turn, waiting for the turn's end to be published. */
  private queued: Array<[trigger: string, payload: object]> = [];

  constructor(
    private readonly runner: ProjectionRunner<ProjectionSet>,
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    const view = LiaisonView.of(this.runner.model);
    this.stop = this.runner.onApplied((event) => {
      if (!this.runner.hasCaughtUp) return;
      const kind = event.type === 'ContactCorrected' ? ContactChangeKind.CORRECTED : event.type === 'ContactRetracted' ? ContactChangeKind.RETRACTED : undefined;
      if (event.type !== 'ContactLogged' && !kind) return;
      const contact = view.contacts.get((event.data as { contactId: string }).contactId);
      if (!contact) return;
      // Every subscriber asks for its text (topic, summary): read from this event once, not once each.
      rememberContactText(this.store, event);
      // A copy: the projection updates its rows in place, and a subscriber must see the contact as this event left it.
      const asNow = { ...contact };
      this.queued.push(kind ? [CONTACT_CHANGED, { [CONTACT_CHANGED]: { kind, position: event.position, contact: asNow } }] : [CONTACT_LOGGED, { [CONTACT_LOGGED]: asNow }]);
      // Fanned out after the current turn: the write that caused the event is answered first, and
      // the subscribers' filters and executions never run inside the projection's apply. The events
      // applied in one turn (a group commit's) go out in one callback, so a socket's frames for all
      // of them leave in one write (common/wsFrames.ts) instead of one per event.
      if (this.queued.length === 1) setImmediate(() => this.publishQueued());
    });
  }

  /** Publishes what was queued, in the order it was applied. */
  private publishQueued(): void {
    const queued = this.queued;
    this.queued = [];
    for (const [trigger, payload] of queued) void this.pubSub.publish(trigger, payload);
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}

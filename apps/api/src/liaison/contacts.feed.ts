/**
 * Feeds the contactLogged and contactChanged subscriptions: every event that moves a contact's
 * figures, once the live projections hold it. Events folded while the projections catch up with
 * the log at start are history, not news, and are not published. Events are published in the order
 * they were applied (setImmediate callbacks run in the order they were queued).
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
      // Fanned out after the current turn: the write that caused the event is answered first, and
      // the subscribers' filters and executions never run inside the projection's apply.
      setImmediate(() => {
        if (kind) void this.pubSub.publish(CONTACT_CHANGED, { [CONTACT_CHANGED]: { kind, position: event.position, contact: asNow } });
        else void this.pubSub.publish(CONTACT_LOGGED, { [CONTACT_LOGGED]: asNow });
      });
    });
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}

import { describeEventStoreContract } from './contract.js';
import { InMemoryEventStore } from './inMemory.js';

describeEventStoreContract('InMemoryEventStore', () => new InMemoryEventStore(), { createWithClock: (clock) => new InMemoryEventStore({ clock }) });

import { describeEsdbAdapter } from '../test-support/esdbAdapterSuite.js';

// The adapter through @eventstore/db-client (esdb://), in a process of its own: see esdbAdapterSuite.ts.
describeEsdbAdapter('esdb');

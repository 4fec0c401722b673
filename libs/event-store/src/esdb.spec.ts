import { describeContractOnRealServer, describeEsdbAdapter } from '../test-support/esdbAdapterSuite.js';

// The adapter through @kurrent/kurrentdb-client (kurrentdb://); esdb.eventstore.spec.ts runs the same through @eventstore/db-client.
describeContractOnRealServer();
describeEsdbAdapter('kurrentdb');

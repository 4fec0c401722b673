/**
 * The only module that imports the EventStoreDB client, so the rest of the code base names what it
 * uses from here. `@eventstore/db-client` is the package the product names; its renamed successor
 * `@kurrent/kurrentdb-client` has the same methods, errors and constants under the client class
 * `KurrentDBClient` (and also accepts `kurrentdb://` connection strings). Switching is this one
 * statement: change the package name and import `KurrentDBClient as EventStoreDBClient`.
 */
export { EventStoreDBClient, START, END, FORWARDS, BACKWARDS, NO_STREAM, streamNameFilter, excludeSystemEvents, isCommandError, ErrorType, type AllStreamResolvedEvent, type AppendExpectedRevision, type EventData, type Filter, type Position, type ResolvedEvent, type StreamingRead } from '@eventstore/db-client';

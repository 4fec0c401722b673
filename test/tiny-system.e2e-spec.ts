/**
 * A system the registries have never heard of, defined here and nowhere else: one command, one
 * event, one projection, one query. Running it takes no edit outside this file; each layer's
 * registry gets one more entry, passed to the app as the registries' lists plus one line. The test
 * proves the shared machinery takes it: the command is authorised by the system's own roles,
 * decided, written with the write path's metadata, projected, and read back, and the liaison
 * projections neither skip its events nor change.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { CommandBus, CommandHandler } from '@nestjs/cqrs';
import { Args, Context, Field, Float, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DomainError, SystemRegistry, WINGS, defineSystem, requireId, requireText, withAccess, type Decider, type Event } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { Composition } from '#platform/composition';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '#projections/shared/projection';
import { PROJECTION_SYSTEMS, type ProjectionSystem } from '#projections/systems';
import { EVERYONE, rule, type PermissionFragment } from '../apps/api/src/auth/permissions.js';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../apps/api/src/common/commands.js';
import type { GqlContext } from '../apps/api/src/common/loaders.js';
import { Reader } from '../apps/api/src/common/reader.js';
import { WriteResult } from '../apps/api/src/common/write-result.js';
import { API_SYSTEMS, type ApiSystem } from '../apps/api/src/systems.js';
import { startApp, type TestApp } from './support/app.js';

// ---------------------------------------------------------------- domain: one command, one event

type PostNote = { type: 'PostNote'; noteId: string; text: string };
type NotePosted = Event<'NotePosted', { noteId: string; text: string; postedBy: string }>;

const note: Decider<PostNote, NotePosted, { posted: boolean }> = {
  streamId: (c) => `note-${c.noteId}`,
  initialState: { posted: false },
  evolve: () => ({ posted: true }),
  decide(command, state, { actor }) {
    const noteId = requireId(command.noteId, 'noteId');
    if (state.posted) throw new DomainError('CONFLICT', `note ${noteId} is already posted`, 'noteId');
    return [{ type: 'NotePosted', data: { noteId, text: requireText(command.text, 'text', 200), postedBy: actor } }];
  },
};

const notesSystem = defineSystem<PostNote, NotePosted>()({
  name: 'notes',
  commands: { PostNote: { decider: note, roles: ['LEADER'] } },
  events: { NotePosted: { stream: ['note', 'noteId'], facts: () => ({}) } },
});

// ---------------------------------------------------------------- projection

class NotesProjection implements Projection {
  readonly name = 'notes';
  readonly handles = new Set(['NotePosted']);
  skipped = 0;
  readonly notes = new Map<string, NotePosted['data'] & { position: number }>();
  apply(event: RecordedEvent): boolean {
    const data = event.data as NotePosted['data'];
    this.notes.set(data.noteId, { ...data, position: event.position });
    return true;
  }
}

const notesProjections: ProjectionSystem = { system: 'notes', projections: () => [new NotesProjection()] };

// ---------------------------------------------------------------- API: a module with its permission fragment

@ObjectType('Note')
class NoteType {
  @Field(() => ID) noteId!: string;
  @Field() text!: string;
  @Field() postedBy!: string;
  @Field(() => Float) position!: number;
}

@InputType()
class PostNoteInput {
  @Field(() => ID) noteId!: string;
  @Field() text!: string;
}

class RecordNoteCommand extends SystemCommand<PostNote> {}

@CommandHandler(RecordNoteCommand)
class RecordNoteCommandHandler extends RecordsThroughWritePath<RecordNoteCommand> {}

@Resolver()
class NotesResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
  ) {}

  @Mutation(() => WriteResult)
  postNote(@Args('input') input: PostNoteInput, @Context() ctx: GqlContext) {
    return this.commands.execute(new RecordNoteCommand(...commandOf<PostNote>('PostNote', { ...input }, ctx)));
  }

  @Query(() => [NoteType])
  notes(@Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return this.reader.read(['notes'], (set) => [...set.get<NotesProjection>('notes').notes.values()], { atLeastPosition });
  }
}

@Module({ providers: [NotesResolver, RecordNoteCommandHandler] })
class NotesModule {}

const NOTES_PERMISSIONS: PermissionFragment = { Query: { notes: rule(EVERYONE) }, Mutation: { postNote: rule(['LEADER']) } };
const notesApi: ApiSystem = { name: 'notes', module: NotesModule, permissions: NOTES_PERMISSIONS };

// ---------------------------------------------------------------- the registries, one line more each

const systems = {
  composition: new Composition(new SystemRegistry(withAccess([...WINGS, notesSystem])), [...PROJECTION_SYSTEMS, notesProjections]),
  api: [...API_SYSTEMS, notesApi],
};

describe('a tiny system registered with one line per registry', () => {
  let app: TestApp;
  const store = new InMemoryEventStore();

  beforeAll(async () => {
    app = await startApp({ store, config: { store: 'memory' }, systems });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('authorises the command by its own roles, writes it through the write path, projects it and reads it back', async () => {
    const head = (await app.health()).head;
    const refused = await app.gql(`mutation { postNote(input: { noteId: "n-1", text: "议题" }) { position } }`, {}, { token: app.tokens.AUDITOR });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.health()).head).toBe(head);

    const posted = await app.gql<any>(`mutation { postNote(input: { noteId: "n-1", text: "议题" }) { position written streamId } }`, {}, { token: app.tokens.LEADER });
    expect(posted.errors).toBeUndefined();
    expect(posted.data.postNote).toMatchObject({ written: 1, streamId: 'note-n-1' });
    const read = await app.gql<any>(`query($at: Float) { notes(atLeastPosition: $at) { noteId text postedBy position } }`, { at: posted.data.postNote.position }, { token: app.tokens.AUDITOR });
    expect(read.data.notes).toEqual([{ noteId: 'n-1', text: '议题', postedBy: 'test-leader', position: posted.data.postNote.position }]);

    // The write path's metadata, as for every other system's events.
    const [recorded] = await store.readStream('note-n-1');
    expect(recorded!.metadata).toMatchObject({ actor: 'test-leader', command: 'PostNote', tokenId: expect.any(String), correlationId: expect.any(String) });
  });

  it('refuses what the system\'s own decider refuses, with its code, and writes nothing', async () => {
    const head = (await app.health()).head;
    const again = await app.gql(`mutation { postNote(input: { noteId: "n-1", text: "again" }) { position } }`, {}, { token: app.tokens.LEADER });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'noteId' });
    expect((await app.health()).head).toBe(head);
  });

  it('leaves the liaison projections untouched: its events are nobody\'s skipped, and the figures do not move', async () => {
    expect((await app.health()).skipped).toBe(0);
    const before = await app.gql<any>(`{ readModel { members links contacts } }`);
    await app.gql(`mutation { postNote(input: { noteId: "n-2", text: "第二" }) { position } }`, {}, { token: app.tokens.LEADER });
    expect((await app.gql<any>(`{ readModel { members links contacts } }`)).data).toEqual(before.data);
    expect((await app.health()).skipped).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getTemplate, isJoinCode, normalizeJoinCode, type TemplateId } from '@balcony/shared';
import { BoardPage, type NoteOnScreen } from './pages/BoardPage.js';
import { SharePanel } from './pages/SharePanel.js';
import { StartPage } from './pages/StartPage.js';
import { useWorkshop, type Person } from './support/workshop.js';
import { artifactPath } from './support/artifacts.js';
import { eventually } from '../support/eventually.js';

const workshop = useWorkshop('board');
const { everyone, needSteps, newPerson } = workshop;

const TITLE = 'Reflective practice — Thursday group';
const TEMPLATE: TemplateId = 'what-works-circle';
// The zones of the frame a session opens on: its first phase's.
const labelsOf = (id: TemplateId) => getTemplate(id).frames[0]!.zones.map((z) => z.label);
const sorted = (xs: string[]) => [...xs].sort();

let fran: Person;
let amara: Person;
let ben: Person;
let joinCode = '';
const trio = () => [fran, amara, ben];
let noteId = '';
const NOTE_TEXT = 'She kept every promise to the family, however small';
const EDITED_TEXT = 'Kept every promise, however small: trust grew from that';
const BENS_TEXT = 'Her visits were at the same time each week';

/** How many updates the page's IndexedDB copy of the board holds (y-indexeddb's `updates` store). */
function localUpdateCount(page: Page, sessionId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('updates', 'readonly').objectStore('updates').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
    `balcony-${sessionId}`,
  );
}

/** Waits until every page shows the same notes, and returns that common view. */
async function converged(timeout = 15_000): Promise<NoteOnScreen[]> {
  return eventually(async () => {
    const [first, ...rest] = await Promise.all(trio().map((p) => p.board.notesOnScreen()));
    for (const view of rest) expect(view).toEqual(first);
    return first!;
  }, { timeout });
}

/** The note's centre lies inside the zone's box on this page, i.e. it is drawn in that zone. */
async function expectDrawnInZone(p: Person, id: string, zoneId: string): Promise<void> {
  const c = await p.board.noteCenter(id);
  const z = await p.board.box(p.board.zone(zoneId));
  expect(c.x, `${p.name}: note x inside ${zoneId}`).toBeGreaterThanOrEqual(z.x);
  expect(c.x, `${p.name}: note x inside ${zoneId}`).toBeLessThanOrEqual(z.x + z.width);
  expect(c.y, `${p.name}: note y inside ${zoneId}`).toBeGreaterThanOrEqual(z.y);
  expect(c.y, `${p.name}: note y inside ${zoneId}`).toBeLessThanOrEqual(z.y + z.height);
}

async function everyoneSeesNoteIn(id: string, zoneId: string, text?: string): Promise<void> {
  await Promise.all(
    trio().map((p) =>
      eventually(async () => {
        expect(await p.board.note(id).getAttribute('data-zone-id'), `${p.name} sees the zone`).toBe(zoneId);
        if (text !== undefined) expect(await p.board.note(id).getByTestId('board.note.text').innerText()).toBe(text);
        await expectDrawnInZone(p, id, zoneId);
      }),
    ),
  );
}

describe('a shared board in three browsers', () => {
  it('a facilitator hosts a session and two participants join it by its code', async () => {
    fran = await newPerson('Fran');
    await fran.start.open();
    await fran.page.screenshot({ path: artifactPath('start-page.png'), fullPage: true });

    await fran.start.host({ title: TITLE, template: TEMPLATE, name: 'Fran' });
    await fran.share.root.waitFor();
    const shownCode = await fran.share.codeText();
    expect(shownCode).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    joinCode = normalizeJoinCode(shownCode);
    expect(isJoinCode(joinCode)).toBe(true);
    const boardUrl = new URL(fran.page.url());
    expect(boardUrl.pathname).toMatch(/^\/s\/[^/]+$/);
    const link = await fran.share.linkText();
    expect(link).toBe(`${boardUrl.origin}/join/${joinCode}`);
    await fran.page.screenshot({ path: artifactPath('share-panel.png') });
    await fran.share.close();
    await fran.board.waitUntilConnected();
    await fran.share.reopen();
    expect(await fran.share.codeText()).toBe(shownCode);
    await fran.share.close();

    // Amara opens the link she was sent: the code is already filled in.
    amara = await newPerson('Amara');
    await amara.start.openJoinLink(link);
    expect(normalizeJoinCode(await amara.start.joinCode.inputValue())).toBe(joinCode);
    await amara.start.join({ name: 'Amara' });
    await amara.board.waitUntilConnected();
    expect(new URL(amara.page.url()).pathname).toBe(boardUrl.pathname);

    // Ben mistypes first, then types the code as he heard it: lower case, with a space.
    ben = await newPerson('Ben', { network: true });
    await ben.start.open();
    await ben.start.join({ code: joinCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ', name: 'Ben' });
    await ben.start.error.waitFor();
    expect((await ben.start.error.innerText()).trim()).not.toBe('');
    const spoken = `${joinCode.slice(0, 3)} ${joinCode.slice(3)}`.toLowerCase();
    await ben.start.join({ code: spoken, name: 'Ben' });
    await ben.board.waitUntilConnected();
    expect(new URL(ben.page.url()).pathname).toBe(boardUrl.pathname);

    for (const p of trio()) {
      expect((await p.board.title.innerText()).trim(), `${p.name} sees the title`).toBe(TITLE);
      expect(sorted(await p.board.zoneLabelsOnScreen()), `${p.name} sees every zone`).toEqual(sorted(labelsOf(TEMPLATE)));
    }

    // Everyone sees all three people, online, by name.
    for (const p of trio()) {
      await eventually(async () => {
        const people = await p.board.peopleOnScreen();
        expect(people, `${p.name}'s presence list`).toHaveLength(3);
        for (const name of ['Fran', 'Amara', 'Ben']) {
          const person = people.find((x) => x.text.includes(name));
          expect(person, `${p.name} sees ${name}`).toBeDefined();
          expect(person!.online, `${p.name} sees ${name} online`).toBe(true);
          expect(person!.participantId).not.toBe('');
        }
      });
    }
    const people = await fran.board.peopleOnScreen();
    for (const p of trio()) p.participantId = people.find((x) => x.text.includes(p.name))!.participantId;
    expect(new Set(trio().map((p) => p.participantId)).size).toBe(3);

    // The first phase is the facilitator's; in transferable learning everyone writes.
    expect(await amara.phase.mayWrite(), 'Amara reads while the facilitator welcomes').toBe(false);
    await workshop.goToPhase(fran, 'learning', [amara, ben]);
    for (const p of trio()) await p.phase.waitForWriting(true);
    workshop.reached(1);
  });

  it('a note typed by one participant appears for everyone, in its zone, with its author', async () => {
    needSteps(1);
    for (const p of trio()) await p.board.zone('questions').getByTestId('board.zone.prompt').waitFor();

    noteId = await amara.board.addNote('questions', NOTE_TEXT, 'key');
    await everyoneSeesNoteIn(noteId, 'questions', NOTE_TEXT);
    for (const p of trio()) {
      expect(await p.board.note(noteId).getByTestId('board.note.author').innerText()).toContain('Amara');
      // The guiding question gives way once the zone holds a note.
      await p.board.zone('questions').getByTestId('board.zone.prompt').waitFor({ state: 'detached' });
    }
    workshop.reached(2);
  });

  it('moving a note by dragging and from the keyboard shows everyone its new place', async () => {
    needSteps(2);
    const resting = await fran.board.noteCenter(noteId);
    const drop = await ben.board.startDrag(noteId, 'what-worked');
    // Mid-drag the others follow the note and Ben's pointer through awareness alone: the note is
    // drawn away from its place while the document still puts it in its old zone.
    try {
      await eventually(async () => {
        const now = await fran.board.noteCenter(noteId);
        expect(Math.hypot(now.x - resting.x, now.y - resting.y), 'Fran sees the note follow the drag').toBeGreaterThan(20);
        expect(await fran.board.remoteCursors.filter({ hasText: 'Ben' }).count(), 'Fran sees Ben’s cursor').toBeGreaterThan(0);
      });
      for (const p of trio()) expect(await p.board.note(noteId).getAttribute('data-zone-id'), `${p.name} mid-drag`).toBe('questions');
    } finally {
      await drop();
    }
    await everyoneSeesNoteIn(noteId, 'what-worked', NOTE_TEXT);

    const before = await Promise.all(trio().map((p) => p.board.noteCenter(noteId)));
    await fran.board.nudge(noteId, 'ArrowDown', 4);
    await Promise.all(
      trio().map((p, i) =>
        eventually(async () => {
          const now = await p.board.noteCenter(noteId);
          expect(now.y, `${p.name} sees the note lower`).toBeGreaterThan(before[i]!.y + 2);
          expect(Math.abs(now.x - before[i]!.x), `${p.name}: a downward nudge keeps x`).toBeLessThan(1);
          expect(await p.board.note(noteId).getAttribute('data-zone-id')).toBe('what-worked');
        }),
      ),
    );

    await fran.board.moveWithKeyboard(noteId, 'takeaways');
    await everyoneSeesNoteIn(noteId, 'takeaways', NOTE_TEXT);
    workshop.reached(3);
  });

  it('the facilitator’s edit reaches everyone, a deletion removes the note everywhere, and its author can undo it', async () => {
    needSteps(3);
    // A note's words are its author's; the facilitator may change anyone's.
    await fran.board.edit(noteId, EDITED_TEXT);
    await everyoneSeesNoteIn(noteId, 'takeaways', EDITED_TEXT);

    await amara.board.remove(noteId);
    for (const p of trio()) await p.board.note(noteId).waitFor({ state: 'detached' });

    await amara.board.undoFrom('takeaways');
    const view = await converged();
    const back = view.filter((n) => n.text === EDITED_TEXT);
    expect(back, 'the deleted note is back, once').toHaveLength(1);
    expect(back[0]!.zone).toBe('takeaways');
    expect(back[0]!.author).toContain('Amara');
    noteId = back[0]!.id;
    await everyoneSeesNoteIn(noteId, 'takeaways', EDITED_TEXT);
    workshop.reached(4);
  });

  it('a participant who loses the network keeps working, and everyone converges when they return', async () => {
    needSteps(4);
    const network = ben.network!;
    const bensOwn = await ben.board.addNote('what-worked', BENS_TEXT, 'key');
    await everyoneSeesNoteIn(bensOwn, 'what-worked', BENS_TEXT);
    await network.goOffline();
    expect(network.cutCount, 'the switch cut Ben’s open sockets').toBeGreaterThan(0);
    await ben.board.offlineBanner.waitFor();
    await eventually(async () => expect(await ben.board.connectionState()).not.toBe('connected'));
    await eventually(async () => expect(await fran.board.person(ben.participantId!).getAttribute('data-online')).toBe('false'), {
      timeout: 15_000,
    });

    // Ben writes while cut off, a new note and more words on his own; Fran adds to the same
    // note of his (a facilitator may) and Amara adds one meanwhile.
    const benNote = await ben.board.addNote('actions', 'Ask the family what helped, in their words', 'dblclick');
    await ben.board.appendText(bensOwn, ' [Ben]');
    await fran.board.appendText(bensOwn, ' [Fran]');
    const amaraNote = await amara.board.addNote('actions', 'Bring this story to the next team meeting', 'key');
    await ben.page.screenshot({ path: artifactPath('board-offline-participant.png'), fullPage: true });

    // Nothing crossed while Ben was away: it really was offline.
    expect((await fran.board.notesOnScreen()).map((n) => n.id)).not.toContain(benNote);
    expect((await ben.board.notesOnScreen()).map((n) => n.id)).not.toContain(amaraNote);
    expect((await ben.board.notesOnScreen()).find((n) => n.id === bensOwn)?.text).toBe(`${BENS_TEXT} [Ben]`);

    await network.goOnline();
    await ben.board.offlineBanner.waitFor({ state: 'hidden', timeout: 20_000 });
    await ben.board.waitUntilConnected();
    expect(network.openedSinceOnline, 'Ben’s board reconnected on a new socket').toBeGreaterThan(0);
    const view = await converged(20_000);
    expect(view.map((n) => n.id)).toEqual(expect.arrayContaining([noteId, bensOwn, benNote, amaraNote]));
    expect(view.find((n) => n.id === benNote)).toMatchObject({ zone: 'actions', text: 'Ask the family what helped, in their words' });
    expect(view.find((n) => n.id === amaraNote)).toMatchObject({ zone: 'actions', text: 'Bring this story to the next team meeting' });
    expect(view.find((n) => n.id === noteId)!.text, 'a note no one edited is as it was').toBe(EDITED_TEXT);
    const merged = view.find((n) => n.id === bensOwn)!.text;
    expect(merged, 'both concurrent edits survive').toContain('[Ben]');
    expect(merged, 'both concurrent edits survive').toContain('[Fran]');
    expect(merged.startsWith(BENS_TEXT)).toBe(true);
    await eventually(async () => expect(await fran.board.person(ben.participantId!).getAttribute('data-online')).toBe('true'));

    await fran.page.screenshot({ path: artifactPath('board-facilitator.png'), fullPage: true });
    workshop.reached(5);
  });

  it('a note written offline survives closing the tab, and syncs when the person comes back', async () => {
    needSteps(5);
    const network = ben.network!;
    const boardUrl = ben.page.url();
    const sessionId = new URL(boardUrl).pathname.split('/').pop()!;
    await network.goOffline();
    await ben.board.offlineBanner.waitFor();
    const stored = () => localUpdateCount(ben.page, sessionId);
    const before = await stored();
    const note = await ben.board.addNote('takeaways', 'Written on the train, with no signal', 'key');
    // The tab may only close once the browser's own copy holds the note, as it would for a person
    // who closes the lid a moment later.
    await eventually(async () => expect(await stored()).toBeGreaterThan(before));
    await ben.page.close();
    expect((await fran.board.notesOnScreen()).map((n) => n.id)).not.toContain(note);

    await network.goOnline();
    const page = await ben.context.newPage();
    workshop.switchPage(ben, page);
    await page.goto(boardUrl);
    await ben.board.waitUntilConnected();
    const view = await converged(20_000);
    expect(view.find((n) => n.id === note)).toMatchObject({ zone: 'takeaways', text: 'Written on the train, with no signal' });
    workshop.reached(6);
  });

  it('a cultural web session shows all seven of its zones', async () => {
    needSteps(1);
    const page = await fran.context.newPage();
    workshop.watch(fran, page);
    const start = new StartPage(page, workshop.server.url);
    const board = new BoardPage(page);
    const share = new SharePanel(page);
    await start.open();
    await start.host({ title: 'How our team works', template: 'cultural-web', name: 'Fran' });
    await share.root.waitFor();
    await share.close();
    await board.waitUntilConnected();
    expect(sorted(await board.zoneLabelsOnScreen())).toEqual(sorted(labelsOf('cultural-web')));
    await page.screenshot({ path: artifactPath('board-cultural-web.png'), fullPage: true });
    await page.close();
  });

  it('no page threw an uncaught exception', () => {
    expect(everyone.flatMap((p) => p.uncaught.map((e) => `${p.name}: ${e}`))).toEqual([]);
  });
});

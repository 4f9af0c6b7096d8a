/**
 * Expired sessions and used sign-in states, where no TTL policy deletes them (the local
 * store, the emulator): the retention sweep does, on the local clock.
 */
import { LocalClock } from '../../local/local-clock';
import { checkSession } from '../use-cases/session-check';
import { sweepExpiredSessions } from '../use-cases/sweep-sessions';
import { dashboardSessionsCollection, dashboardSignInsCollection } from '../rules/session';
import { signInMinutes } from '../rules/sign-in-state';
import { signedIn, world } from './dashboard-fixtures';

function onLocalClock() {
  const w = world();
  const localClock = new LocalClock(w.clock);
  return { ...w, localClock, deps: { ...w.deps, clock: localClock } };
}

describe('the retention sweep of dashboard sessions', () => {
  it('GIVEN a session and its used sign-in state THEN each is kept until its expiry and deleted from then, sealed token and all', async () => {
    const w = onLocalClock();
    const { cookie } = await signedIn(w);
    expect(await sweepExpiredSessions(w.deps)).toEqual({ sessions: 0, signIns: 0 });

    w.localClock.advance(signInMinutes * 60_000);
    expect(await sweepExpiredSessions(w.deps)).toEqual({ sessions: 0, signIns: 1 });
    expect(await w.store.query(dashboardSignInsCollection)).toEqual([]);
    expect(await checkSession(w.deps, cookie)).toMatchObject({ signedIn: true });

    w.localClock.advance(w.deps.settings.sessionMinutes * 60_000);
    expect(await sweepExpiredSessions(w.deps)).toEqual({ sessions: 1, signIns: 0 });
    expect(await w.store.query(dashboardSessionsCollection)).toEqual([]);
    expect(await sweepExpiredSessions(w.deps)).toEqual({ sessions: 0, signIns: 0 });
  });

  it('GIVEN two people’s sessions of different ages THEN only the expired one goes', async () => {
    const w = onLocalClock();
    await signedIn(w);
    w.localClock.advance(60 * 60_000);
    w.discord.codes.add('code-1');
    await signedIn(w);
    w.localClock.advance(w.deps.settings.sessionMinutes * 60_000 - 60 * 60_000);
    expect(await sweepExpiredSessions(w.deps)).toMatchObject({ sessions: 1 });
    expect(await w.store.query(dashboardSessionsCollection)).toHaveLength(1);
  });
});

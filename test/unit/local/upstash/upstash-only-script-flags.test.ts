import { createUpstashScriptTranslator, scriptSha, withoutUpstashOnlyFlags } from '../../../../shared/local/upstash/upstash-only-script-flags';

describe('what the local stand-ins hand Redis for a script flagged for Upstash', () => {
  it('drops allow-key-locking and keeps a bare shebang', () => {
    expect(withoutUpstashOnlyFlags('#!lua flags=allow-key-locking\nreturn 1')).toBe('#!lua\nreturn 1');
  });

  it('keeps the flags Redis knows, in their order', () => {
    expect(withoutUpstashOnlyFlags('#!lua flags=no-writes,allow-key-locking,allow-stale\nreturn 1')).toBe('#!lua flags=no-writes,allow-stale\nreturn 1');
  });

  it('leaves a script without the flag, or without a shebang, exactly as it is', () => {
    for (const script of ['return 1', '#!lua\nreturn 1', '#!lua flags=no-writes\nreturn 1', '-- #!lua flags=allow-key-locking\nreturn 1']) {
      expect(withoutUpstashOnlyFlags(script)).toBe(script);
    }
  });

  it('sends EVALSHA of the flagged text as the SHA of what Redis was given, once it has seen the text', () => {
    const toRedis = createUpstashScriptTranslator();
    const flagged = '#!lua flags=allow-key-locking\nreturn 1';
    expect(toRedis(['evalsha', scriptSha(flagged), 0])).toEqual(['evalsha', scriptSha(flagged), 0]);
    expect(toRedis(['EVAL', flagged, 0])).toEqual(['EVAL', '#!lua\nreturn 1', 0]);
    expect(toRedis(['evalsha', scriptSha(flagged), 0])).toEqual(['evalsha', scriptSha('#!lua\nreturn 1'), 0]);
    expect(toRedis(['evalsha_ro', scriptSha(flagged).toUpperCase(), 0])).toEqual(['evalsha_ro', scriptSha('#!lua\nreturn 1'), 0]);
  });

  it('translates SCRIPT LOAD and SCRIPT EXISTS the same way, and nothing else', () => {
    const toRedis = createUpstashScriptTranslator();
    const flagged = '#!lua flags=allow-key-locking\nreturn 2';
    expect(toRedis(['script', 'load', flagged])).toEqual(['script', 'load', '#!lua\nreturn 2']);
    expect(toRedis(['script', 'exists', scriptSha(flagged), 'abc'])).toEqual(['script', 'exists', scriptSha('#!lua\nreturn 2'), 'abc']);
    expect(toRedis(['set', 'k', flagged])).toEqual(['set', 'k', flagged]);
  });
});

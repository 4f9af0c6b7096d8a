// A bid subscriber's instance loads what every bid runs when it is made, not with a lot's first bid:
// each use case below, left to load on first use, held the herd's first second behind a module load.
const hotPath = {
  bids: ['auctions/use-cases/place-bid', 'auctions/use-cases/decide-bid', 'auctions/use-cases/bid-follow-ups'],
  answers: ['discord/use-cases/run-command-job', 'discord/use-cases/interaction-answers'],
  scheduling: ['common/use-cases/schedule-task'],
  chat: ['chatbids/use-cases/place-chat-bid', 'chatbids/use-cases/chat-reach'],
};

function loadsWhileMade(make: (wiring: typeof import('../chat-wiring'), platform: never) => unknown): string[] {
  const loaded: string[] = [];
  jest.isolateModules(() => {
    for (const file of Object.values(hotPath).flat())
      jest.doMock(`../../${file}`, () => {
        loaded.push(file);
        return jest.requireActual(`../../${file}`);
      });
    // A platform whose every client is an empty object: making the deps calls no service.
    const platform = new Proxy(
      { config: { marketplace: { currency: 'usd' }, publicBaseUrl: 'https://c500.test', twitchBot: { userId: '1' } } },
      {
        get: (target, key) => (key in target ? target[key as keyof typeof target] : () => ({})),
      },
    );
    make(jest.requireActual('../chat-wiring'), platform as never);
  });
  return loaded.sort();
}

describe('the bid subscribers’ instances', () => {
  it('load every use case a Discord bid runs when the auctionBids deps are made', () => {
    expect(loadsWhileMade((wiring, platform) => wiring.bidDeps(platform))).toEqual(
      [...hotPath.bids, ...hotPath.answers, ...hotPath.scheduling, 'chatbids/use-cases/chat-reach'].sort(),
    );
  });

  it('load every use case a !bid runs when the chatBids wiring is made', () => {
    expect(loadsWhileMade((wiring, platform) => wiring.chatBidWiring(platform))).toEqual(
      [...hotPath.bids, ...hotPath.answers, ...hotPath.scheduling, ...hotPath.chat].sort(),
    );
  });
});

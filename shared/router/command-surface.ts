/**
 * @module commands
 * The product's command surface, defined once: what `npm run register-commands` sends to
 * Discord, and what `/c500 help` lists. Names and
 * options are a contract (DESIGN section 7): people's habits and tests rely on them.
 */
import { OptionType } from '../discord/rules/interaction-shape';

/** Text and announcement channels: where the bot can post. */
const postableChannelTypes = [0, 5];

/** Discord permission bits the product checks. */
export const Permission = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
} as const;

export interface CommandOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  options?: CommandOption[];
  channel_types?: number[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  choices?: Array<{ name: string; value: string }>;
}

export interface CommandDefinition {
  name: string;
  description: string;
  options?: CommandOption[];
  /** Discord hides the command from members without these bits; the use case checks too. */
  default_member_permissions?: string;
  /** Guild only: every command belongs to a server's marketplace. */
  contexts: number[];
}

/** One line of `/c500 help`. */
export interface HelpLine {
  usage: string;
  what: string;
}

const str = (name: string, description: string, required = true): CommandOption => ({ type: OptionType.String, name, description, required });
const num = (name: string, description: string, required = true): CommandOption => ({ type: OptionType.Number, name, description, required });
const sub = (name: string, description: string, options: CommandOption[] = []): CommandOption => ({ type: OptionType.SubCommand, name, description, options });

export const commandDefinitions: CommandDefinition[] = [
  {
    name: 'c500',
    description: 'C500 Collective: drops, live proof of work, auctions',
    contexts: [0],
    options: [
      sub('help', 'What every C500 command does'),
      sub('setup', 'Admins: choose the channels C500 posts in', [
        { type: OptionType.Channel, name: 'general', description: 'Where hangout announcements go', required: true, channel_types: postableChannelTypes },
        { type: OptionType.Channel, name: 'marketplace', description: 'Where drops and hype posts go', required: true, channel_types: postableChannelTypes },
        { type: OptionType.Role, name: 'drop-role', description: 'Role pinged when a builder goes live with a drop', required: false },
      ]),
      sub('profile', 'Your orders and their status'),
      sub('onboard', 'Builders: set up Stripe payouts', [
        { ...str('country', 'Two-letter code of the country you get paid in, e.g. US, GB, DE', false), min_length: 2, max_length: 2 },
      ]),
      sub('link-twitch', 'Builders: link the Twitch channel you build on'),
      sub('drop', 'Builders: post a new drop'),
      sub('live', 'Builders: announce you are live, or prove work on orders', [
        str('mode', 'chat, drop, order:<id> or orders:<id>,<id>'),
        str('order', 'With mode:order, the order id', false),
        str('orders', 'With mode:orders, the order ids, separated by commas', false),
      ]),
      sub('ship', 'Builders: mark an order shipped', [str('order', 'The order id'), str('tracking', 'Carrier and tracking number')]),
      {
        type: OptionType.SubCommandGroup,
        name: 'auction',
        description: 'Live auctions',
        options: [
          sub('start', 'Builders: start a live auction', [
            str('item', 'What is up for auction'),
            num('price', 'Starting price, for example 25 or 25.50'),
            str('duration', 'How long it runs: 90s, 10m or 1h'),
            num('reserve', 'Lowest price you will sell at', false),
            {
              type: OptionType.Integer,
              name: 'counter-bid',
              description: 'Seconds a late bid puts back on the clock (default 10)',
              required: false,
              min_value: 0,
            },
            { type: OptionType.Boolean, name: 'sudden-death', description: 'No extensions: the clock never resets', required: false },
          ]),
          sub('cancel', 'Builders: cancel an auction before the first bid', [str('auction', 'Auction id (default: this channel’s)', false)]),
        ],
      },
      {
        type: OptionType.SubCommandGroup,
        name: 'show',
        description: 'Shows: a run of lots from partner builders, auctioned back to back',
        options: [
          sub('create', 'Hosts: set up a show in this channel', [{ ...str('title', 'What the show is called'), max_length: 80 }]),
          sub('add', 'Builders: add one of your items to this channel’s show as a lot', [
            str('item', 'What is up for auction'),
            num('price', 'Opening price, for example 25 or 25.50'),
            str('duration', 'How long the lot runs once it is up: 45s, 90s or 2m'),
            num('reserve', 'Lowest price you will sell at', false),
            { type: OptionType.Integer, name: 'counter-bid', description: 'Seconds a late bid puts back on the clock', required: false, min_value: 0 },
            { type: OptionType.Boolean, name: 'sudden-death', description: 'No extensions: the clock never resets', required: false },
          ]),
          sub('lots', 'The run sheet; hosts move and remove lots up next', [
            { type: OptionType.Integer, name: 'page', description: 'Which page of arranging buttons', required: false, min_value: 1, max_value: 5 },
          ]),
          sub('start', 'Hosts: go on air; lot 1 goes up'),
          sub('pay', 'Pay now for what you won in this channel’s show'),
          sub('settings', 'Admins: show or change the show rules', [
            str('host-cut', 'Percent of each lot’s price the host takes (default 10)', false),
            {
              type: OptionType.Integer,
              name: 'gap',
              description: 'Seconds between a hammer and the next lot (default 10)',
              required: false,
              min_value: 0,
              max_value: 300,
            },
            { type: OptionType.Role, name: 'host-role', description: 'Members with this role may host shows', required: false },
          ]),
        ],
      },
    ],
  },
  {
    name: 'bid',
    description: 'Bid in the live auction',
    contexts: [0],
    options: [
      num('amount', 'Your bid, for example 42 or 42.50'),
      num('max', 'Highest you will go: we bid for you one step at a time', false),
      str('auction', 'Auction id (default: this channel’s live auction)', false),
    ],
  },
  {
    name: 'race',
    description: 'Race lobbies: racers share merch sales while the window is open',
    contexts: [0],
    options: [
      sub('open', 'Hosts: open a lobby racers can join', [{ ...str('title', 'What the race is called', false), max_length: 80 }]),
      sub('start', 'Hosts: open the commission window', [str('racers', 'Mention the racers (default: those who joined)', false)]),
      sub('end', 'Hosts: close the commission window'),
      sub('settings', 'Admins: show or change the race rules', [
        num('rate', 'Percent of each merch sale the racers share (default 20)', false),
        num('threshold', 'Pending balance at which racers can cash out (default 20)', false),
        { type: OptionType.Integer, name: 'max-racers', description: 'Racers a lobby takes (default 8)', required: false, min_value: 2, max_value: 25 },
        {
          type: OptionType.Integer,
          name: 'max-minutes',
          description: 'A window closes itself after this many minutes (default 180)',
          required: false,
          min_value: 5,
          max_value: 1440,
        },
        { type: OptionType.Role, name: 'host-role', description: 'Members with this role may host races', required: false },
        str('currency', 'Three-letter currency races pay in, e.g. usd (fixed after the first race)', false),
        str('kofi-types', 'Ko-fi payments that count, e.g. Shop Order, Commission', false),
      ]),
      sub('connect', 'Admins: connect a shop whose sales feed race windows', [
        {
          ...str('shop', 'Which shop'),
          choices: [
            { name: 'Ko-fi', value: 'kofi' },
            { name: 'Shopify', value: 'shopify' },
            { name: 'Stripe Payment Links', value: 'stripe' },
          ],
        },
        str('secret', 'Ko-fi verification token or Shopify webhook signing secret', false),
      ]),
    ],
  },
  { name: 'wallet', description: 'Your race earnings: pending and paid', contexts: [0] },
  {
    name: 'payout',
    description: 'Admins: pay a racer from their pending balance',
    contexts: [0],
    default_member_permissions: Permission.ManageGuild.toString(),
    options: [
      { type: OptionType.User, name: 'user', description: 'The racer to pay', required: true },
      num('amount', 'How much, for example 20 or 20.50'),
      { ...str('note', 'How you paid by hand (gift card, store credit), when they have no Stripe account', false), max_length: 200 },
    ],
  },
];

/** The lines of `/c500 help`, in the order a newcomer meets them. */
export const helpLines: HelpLine[] = [
  { usage: '/c500 setup general:#channel marketplace:#channel [drop-role:@role]', what: 'Admins: choose where C500 posts and who gets pinged for drops.' },
  { usage: '/c500 profile', what: 'Your orders, their status and the proof-of-work stream link.' },
  { usage: '/c500 onboard country:<US|GB|…>', what: 'Builders: set up Stripe so buyers can pay you.' },
  { usage: '/c500 link-twitch', what: 'Builders: link the Twitch channel you build on.' },
  { usage: '/c500 drop', what: 'Builders: post a drop (commission or ready-to-ship) with a Buy Now button.' },
  { usage: '/c500 live mode:chat | drop | order:<id> | orders:<id>,<id>', what: 'Builders: announce your stream, or prove work on paid orders while live.' },
  { usage: '/c500 ship order:<id> tracking:<text>', what: 'Builders: mark an order shipped and tell the buyer.' },
  {
    usage: '/c500 auction start item:<text> price:<n> duration:<90s|10m|1h> [reserve:<n>] [counter-bid:<s>] [sudden-death:true]',
    what: 'Builders: run a live auction; a late bid puts time back on the clock unless it is sudden death.',
  },
  { usage: '/c500 auction cancel [auction:<id>]', what: 'Builders: cancel your auction before the first bid.' },
  { usage: '/bid amount:<n> [max:<n>]', what: 'Bid in the channel’s live auction; a max bids for you step by step.' },
  { usage: '/c500 show create title:<text>', what: 'Hosts: set up a show in this channel: lots from partner builders, auctioned back to back.' },
  {
    usage: '/c500 show add item:<text> price:<n> duration:<45s|2m> [reserve:<n>] [counter-bid:<s>] [sudden-death:true]',
    what: 'Builders: add one of your items to the channel’s show; you see the host’s cut before anything sells.',
  },
  { usage: '/c500 show lots [page:<n>]', what: 'The run sheet; hosts move lots up or down, or remove them, before they run.' },
  { usage: '/c500 show start', what: 'Hosts: go on air. Next lot, Pause, Resume and End show are buttons on the run sheet.' },
  { usage: '/c500 show pay', what: 'Pay now for everything you won in the show: one checkout per builder.' },
  { usage: '/c500 show settings [host-cut:<%>] [gap:<s>] [host-role:@role]', what: 'Admins: show or change the show rules.' },
  { usage: '/race open [title:<text>]', what: 'Hosts: open a race lobby racers join with a button.' },
  { usage: '/race start [racers:@a @b]', what: 'Hosts: open the commission window: racers share merch sold while it is open.' },
  { usage: '/race end', what: 'Hosts: close the commission window.' },
  { usage: '/race settings [rate:<%>] [threshold:<n>] [max-racers:<n>] [max-minutes:<n>] [host-role:@role]', what: 'Admins: show or change the race rules.' },
  { usage: '/race connect shop:kofi|shopify|stripe [secret:<text>]', what: 'Admins: connect a shop whose sales feed race windows.' },
  { usage: '/wallet', what: 'Your race earnings: pending, paid and recent races.' },
  { usage: '/payout user:@racer amount:<n> [note:<text>]', what: 'Admins: pay a racer from their pending balance.' },
];

/** Every command path Discord can send us, such as `/c500 auction start` or `/wallet`. */
export function commandPaths(definitions: CommandDefinition[] = commandDefinitions): string[] {
  const paths: string[] = [];
  const walk = (prefix: string, options: CommandOption[] | undefined): void => {
    const nested = (options ?? []).filter((o) => o.type === OptionType.SubCommand || o.type === OptionType.SubCommandGroup);
    if (nested.length === 0) paths.push(prefix);
    for (const o of nested) walk(`${prefix} ${o.name}`, o.options);
  };
  for (const d of definitions) walk(`/${d.name}`, d.options);
  return paths;
}

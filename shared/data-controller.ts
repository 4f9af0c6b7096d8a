/**
 * @module data-controller
 * The deployment's data controller, as the privacy page names them (read with the rest of the
 * configuration by shared/config/index.ts).
 */
import { invalid, missing } from './config/errors';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Who answers for the personal data a deployment keeps (GDPR Art. 13(1)(a): the controller's
 * identity and contact), as the privacy page names them. The cloud refuses to start without
 * them: a privacy page that names nobody tells a member nowhere to turn.
 */
export interface DataController {
  /** C500_CONTROLLER_NAME: the person or company responsible; C500_PRIVACY_CONTACT: an email address or an https URL; C500_CONTROLLER_ADDRESS, if given. */
  name: string;
  contact: string;
  address: string | undefined;
  /**
   * C500_EU_REPRESENTATIVE: the controller's representative in the EU (GDPR Art. 27), whom a
   * person may ask instead of the controller: a name and how to reach them, as the page shows it.
   */
  euRepresentative: string;
  /** Whether the name, the contact or the representative is the local runtime's stand-in: the page then says so plainly. */
  placeholder: boolean;
}

/** The local runtime's stand-ins: plainly nobody, and an address that reaches no one (`.invalid`, RFC 2606). */
export const localDataController: DataController = {
  name: 'nobody yet (a local placeholder: set C500_CONTROLLER_NAME)',
  contact: 'privacy@c500.invalid',
  address: undefined,
  euRepresentative: 'nobody yet (a local placeholder: set C500_EU_REPRESENTATIVE)',
  placeholder: true,
};

/** An email address or an https URL. Terraform's `privacy_contact` checks the same pattern (a test holds the two equal). */
export const privacyContactShape = /^([^@\s]+@[^@\s]+\.[^@\s]+|https:\/\/[^/\s]+\.[^\s]+)$/;

/** Reads the controller's settings; `npm run hosting:config` reads them too, to write the privacy page Hosting serves. */
export function readDataController(env: Env, runtime: 'local' | 'gcp'): DataController {
  const given = {
    C500_CONTROLLER_NAME: env.C500_CONTROLLER_NAME,
    C500_PRIVACY_CONTACT: env.C500_PRIVACY_CONTACT,
    C500_CONTROLLER_ADDRESS: env.C500_CONTROLLER_ADDRESS,
    C500_EU_REPRESENTATIVE: env.C500_EU_REPRESENTATIVE,
  };
  const [name, contact, address, euRepresentative] = Object.entries(given).map(([variable, raw]) => {
    const value = raw?.trim();
    if (value && ([...value].length > 300 || [...value].some(isControl))) invalid(variable, 'one line of text of at most 300 characters');
    return value || undefined;
  });
  if (runtime === 'gcp' && !name) missing('C500_CONTROLLER_NAME', 'production must name who is responsible for the personal data it keeps');
  if (runtime === 'gcp' && !contact)
    missing('C500_PRIVACY_CONTACT', 'production must say where people ask about their data (an email address or an https URL)');
  if (runtime === 'gcp' && !euRepresentative)
    missing('C500_EU_REPRESENTATIVE', 'production must name the controller’s representative in the EU (GDPR Art. 27), whom people may ask instead');
  if (contact && !privacyContactShape.test(contact)) invalid('C500_PRIVACY_CONTACT', 'an email address or an https URL, such as privacy@c500.example');
  return {
    name: name ?? localDataController.name,
    contact: contact ?? localDataController.contact,
    address,
    euRepresentative: euRepresentative ?? localDataController.euRepresentative,
    placeholder: !name || !contact || !euRepresentative,
  };
}

/** A line break, a tab or another control character: a name or an address on a page is one line. */
const isControl = (character: string) => character < ' ' || character === '\x7f';

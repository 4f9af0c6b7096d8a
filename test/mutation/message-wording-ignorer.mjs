/**
 * A Stryker ignore-plugin: in the message files (`shared/<module>/rules/*-messages.ts` and
 * `shared/discord/rules/messages.ts`), the text a person reads is not mutated into "". Its
 * wording is for people to review; tests hold what the message says (amounts, ids, who, which
 * branch), and every other mutant in these files stays: conditions, arithmetic, the branches
 * chosen, and each literal the code decides with.
 *
 * A literal is wording only where it can do nothing but be shown (see `wordingPlace`): a branch
 * of `a ? 'x' : 'y'`, an element of a list of lines, a piece of `'x' + y`, a constant's text,
 * what `.join` puts between lines, the text handed to the helpers that only show it, or the
 * value of a field a message shows. Anything else keeps its mutant: a literal compared, a
 * `case`, a fallback after `??` or `||`, a default parameter, an argument that builds an id or
 * a link, what `.replace` strips from a name, a field that is a kind, a style or a currency.
 */
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

/** The message files, by name. */
const messageFile = /(?:^|\/)shared\/[^/]+\/rules\/(?:[^/]+-)?messages\.ts$/;
/** Helpers whose string arguments are only shown (labels, notes, page text) and `.join`'s separator. */
const showingCalls = new Set(['privateNote', 'page', 'linkButtonRow', 'label', 'join']);
/** Fields of a message object a literal there decides with, rather than shows. */
const decidingKeys = new Set(['kind', 'type', 'style', 'status', 'currency', 'custom_id', 'url', 'id']);

function isPlainText(path) {
  return path.isStringLiteral() || (path.isTemplateLiteral() && path.node.expressions.length === 0);
}

function calleeName(call) {
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

function keyName(property) {
  const key = property.key;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return undefined;
}

function wordingPlace(path) {
  const parent = path.parentPath;
  if (parent.isConditionalExpression()) return parent.node.test !== path.node;
  if (parent.isArrayExpression() || parent.isVariableDeclarator()) return true;
  if (parent.isBinaryExpression({ operator: '+' })) return true;
  if (parent.isCallExpression()) return parent.node.callee !== path.node && showingCalls.has(calleeName(parent.node));
  if (parent.isObjectProperty()) return parent.node.value === path.node && !decidingKeys.has(keyName(parent.node));
  return false;
}

export const messageWordingIgnorer = {
  shouldIgnore(path) {
    const fileName = path.hub?.file?.opts?.filename ?? '';
    if (!messageFile.test(fileName.replaceAll('\\', '/')) || !isPlainText(path) || !wordingPlace(path)) return undefined;
    return 'Wording of a user-facing message (test/mutation/message-wording-ignorer.mjs)';
  },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'message-wording', messageWordingIgnorer)];

/**
 * @module interaction-shape
 * The shape of a signed interaction, checked once at the ingress. A signature proves Discord
 * sent the body, not that every field is what later code assumes: ids end up in document
 * paths, option values in money maths, components in a recursive walk. Anything a use case
 * could not handle is refused here with a 400, so no subscriber gets a job it would
 * dead-letter and nobody waits on an answer that never comes. Fields the product does not
 * read are left alone.
 */
import { isSnowflake } from '../../common';
import type { Interaction } from './interaction-types';

/** Discord's own bounds, with room to spare where Discord's are looser in practice. */
const limits = {
  token: 1_000,
  name: 32,
  userName: 100,
  customId: 100,
  text: 6_000,
  modalValue: 4_000,
  options: 25,
  roles: 1_000,
  values: 25,
  components: 25,
  depth: 6,
} as const;

/** Discord application command option types: what the ingress checks and what the command surface registers. */
export const OptionType = {
  SubCommand: 1,
  SubCommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

type Check = string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): boolean => typeof value === 'string' && isSnowflake(value);
const isShortText = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max;
const optional = (value: unknown, ok: (v: unknown) => boolean): boolean => value === undefined || ok(value);

/** The interaction, or what is wrong with it (the ingress answers that with a 400). */
export function readInteraction(json: unknown): { ok: true; interaction: Interaction } | { ok: false; problem: string } {
  const problem = interactionProblem(json);
  return problem === undefined ? { ok: true, interaction: json as Interaction } : { ok: false, problem };
}

/** Undefined when the interaction is fit for the product; otherwise what is wrong with it. */
export function interactionProblem(json: unknown): Check {
  if (!isObject(json)) return 'an interaction is a JSON object';
  if (!isId(json.id)) return 'id is not a snowflake';
  if (!Number.isInteger(json.type) || (json.type as number) < 1 || (json.type as number) > 5) return 'type is not an interaction type';
  if (typeof json.token !== 'string' || !/^[A-Za-z0-9._:-]+$/.test(json.token) || json.token.length > limits.token) return 'token is malformed';
  if (!isId(json.application_id)) return 'application_id is not a snowflake';
  if (!optional(json.guild_id, isId)) return 'guild_id is not a snowflake';
  if (!optional(json.channel_id, isId)) return 'channel_id is not a snowflake';
  if (json.member !== undefined) {
    const problem = memberProblem(json.member);
    if (problem) return problem;
  }
  if (json.user !== undefined && !isUser(json.user)) return 'user is malformed';
  if (json.type !== 1 && json.member === undefined && json.user === undefined) return 'an interaction names who made it';
  if (json.data !== undefined) return dataProblem(json.data, json.type === 4);
  return undefined;
}

function isUser(value: unknown): boolean {
  return (
    isObject(value) &&
    isId(value.id) &&
    isShortText(value.username, limits.userName) &&
    optional(value.global_name, (v) => v === null || isShortText(v, limits.userName))
  );
}

function memberProblem(member: unknown): Check {
  if (!isObject(member) || !isUser(member.user)) return 'member.user is malformed';
  if (typeof member.permissions !== 'string' || !/^\d{1,30}$/.test(member.permissions)) return 'member.permissions is not a permission bit set';
  if (!optional(member.roles, (roles) => Array.isArray(roles) && roles.length <= limits.roles && roles.every(isId)))
    return 'member.roles is not a list of role ids';
  return undefined;
}

function dataProblem(data: unknown, autocomplete: boolean): Check {
  if (!isObject(data)) return 'data is not an object';
  if (!optional(data.name, (v) => typeof v === 'string' && v.length >= 1 && v.length <= limits.name)) return 'data.name is malformed';
  if (!optional(data.custom_id, (v) => typeof v === 'string' && v.length >= 1 && v.length <= limits.customId)) return 'data.custom_id is malformed';
  if (!optional(data.component_type, Number.isInteger)) return 'data.component_type is not a number';
  if (!optional(data.values, (v) => Array.isArray(v) && v.length <= limits.values && v.every((x) => isShortText(x, limits.customId))))
    return 'data.values is malformed';
  if (data.options !== undefined) {
    const problem = optionsProblem(data.options, autocomplete, 1);
    if (problem) return problem;
  }
  if (data.components !== undefined) return componentsProblem(data.components, 1);
  return undefined;
}

function optionsProblem(options: unknown, autocomplete: boolean, depth: number): Check {
  if (!Array.isArray(options) || options.length > limits.options) return 'data.options is not a list of options';
  if (depth > 3) return 'options nest deeper than a subcommand group';
  for (const option of options) {
    if (!isObject(option) || typeof option.name !== 'string' || option.name.length === 0 || option.name.length > limits.name) return 'an option has no name';
    const problem =
      option.type === OptionType.SubCommand || option.type === OptionType.SubCommandGroup
        ? option.value !== undefined
          ? `${option.name} is a subcommand with a value`
          : option.options === undefined
            ? undefined
            : optionsProblem(option.options, autocomplete, depth + 1)
        : valueProblem(option, autocomplete);
    if (problem) return problem;
  }
  return undefined;
}

/** A value of the type its option says: `amount: true` or `amount: {}` never reaches money maths. */
function valueProblem(option: Record<string, unknown>, autocomplete: boolean): Check {
  const { name, type, value } = option;
  // The option being typed in an autocomplete carries the partial text, whatever its type.
  if (autocomplete && option.focused === true && isShortText(value, limits.text)) return undefined;
  const fits = (() => {
    switch (type) {
      case OptionType.String:
        return isShortText(value, limits.text);
      case OptionType.Integer:
        return Number.isSafeInteger(value);
      case OptionType.Number:
        return Number.isFinite(value);
      case OptionType.Boolean:
        return typeof value === 'boolean';
      case OptionType.User:
      case OptionType.Channel:
      case OptionType.Role:
      case OptionType.Mentionable:
      case OptionType.Attachment:
        return isId(value);
      // Stryker disable next-line ConditionalExpression: without its return the switch yields undefined, which refuses the value just as false does
      default:
        return false;
    }
  })();
  return fits ? undefined : `option ${String(name)} does not hold a value of its type`;
}

/** A modal's answers: action rows or labels around text inputs, a few levels at most. */
function componentsProblem(components: unknown, depth: number): Check {
  if (depth > limits.depth) return 'components nest too deep';
  if (!Array.isArray(components) || components.length > limits.components) return 'components is not a list';
  for (const component of components) {
    if (!isObject(component) || !Number.isInteger(component.type)) return 'a component has no type';
    if (!optional(component.custom_id, (v) => isShortText(v, limits.customId))) return 'a component’s custom_id is malformed';
    if (!optional(component.value, (v) => isShortText(v, limits.modalValue))) return 'a component’s value is malformed';
    if (!optional(component.values, (v) => Array.isArray(v) && v.length <= limits.values && v.every((x) => isShortText(x, limits.customId))))
      return 'a component’s values are malformed';
    const nested =
      component.components !== undefined
        ? componentsProblem(component.components, depth + 1)
        : component.component !== undefined
          ? componentsProblem([component.component], depth + 1)
          : undefined;
    if (nested) return nested;
  }
  return undefined;
}

/**
 * @module modal
 * A modal the product answered with (response type 9), opened as Discord opens it, with the
 * components' own dialog: each text input with its label, style, placeholder, limits and
 * value; Submit sends the modal's answers as Discord does (interaction type 5).
 */
interface TextInput {
  type: 4;
  custom_id: string;
  label?: string;
  style?: number;
  placeholder?: string;
  required?: boolean;
  min_length?: number;
  max_length?: number;
  value?: string;
}

interface ModalData {
  custom_id: string;
  title: string;
  components: Array<{ type: number; components?: TextInput[]; component?: TextInput; label?: string }>;
}

type InputElement = HTMLElement & { value: string };

export async function openModal(data: ModalData, submit: (answers: Record<string, unknown>) => void): Promise<void> {
  const modal = document.createElement('discord-modal') as HTMLElement & {
    modalTitle: string;
    author: string;
    submitForm: () => void;
    closeForm: () => void;
    updateComplete?: Promise<unknown>;
  };
  modal.modalTitle = data.title;
  modal.author = 'C500';
  (modal as unknown as { avatar: string }).avatar = '/favicon.svg';
  const inputs: Array<{ id: string; element: InputElement }> = [];
  for (const row of data.components) {
    // An action row around the input, or (Discord's newer layout) a label around it.
    const input = row.components?.[0] ?? row.component;
    if (!input || input.type !== 4) continue;
    const element = document.createElement('discord-input-text') as unknown as InputElement & Record<string, unknown>;
    Object.assign(element, {
      type: input.style === 2 ? 'paragraph' : 'short',
      label: row.label ?? input.label ?? input.custom_id,
      required: input.required !== false,
      placeholder: input.placeholder ?? '',
      minLength: input.min_length ?? 0,
      maxLength: input.max_length ?? 4000,
      defaultValue: input.value ?? '',
    });
    element.dataset.customId = input.custom_id;
    inputs.push({ id: input.custom_id, element });
    modal.append(element);
  }
  modal.submitForm = () =>
    submit({
      custom_id: data.custom_id,
      components: inputs.map(({ id, element }) => ({ type: 1, components: [{ type: 4, custom_id: id, value: element.value }] })),
    });
  modal.closeForm = () => setTimeout(() => modal.remove(), 0);
  // The components put this back on close (else `scroll`, both scrollbars for good): the page as it was.
  (modal as unknown as { originalBodyOverflow: string }).originalBodyOverflow = document.body.style.overflow;
  document.body.append(modal);
  await modal.updateComplete;
  fitNarrowScreens(modal.shadowRoot);
  // As the components' own buttons open it: the dialog, then its box shown.
  const dialog = modal.shadowRoot?.querySelector('dialog');
  dialog?.showModal();
  const box = dialog?.querySelector<HTMLElement>('div.discord-modal-box');
  if (box) box.style.display = 'flex';
}

/**
 * The components' box is 440 px wide whatever the screen: on a phone it keeps a margin and its
 * fields and buttons fit. Adopted after the components' own sheet, so it wins where both speak.
 */
function fitNarrowScreens(root: ShadowRoot | null): void {
  if (!root) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    .discord-modal-box { max-width: calc(100vw - 24px); max-height: calc(100dvh - 24px); }
    .discord-modal-root { width: min(440px, calc(100vw - 24px)); max-height: calc(100dvh - 24px); overflow-y: auto; }
  `);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

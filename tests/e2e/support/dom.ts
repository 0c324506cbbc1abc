/**
 * The few browser shapes that the functions we run inside pages use. The project's TypeScript has
 * no DOM library on purpose, so that server code can never use browser globals by mistake; these
 * functions are typed structurally instead.
 */
export interface DomOption {
  value: string;
  text: string;
  selected: boolean;
}

export interface DomControl {
  tagName: string;
  type: string;
  value: string;
  checked: boolean;
  selectedIndex: number;
  options: ArrayLike<DomOption>;
}

export interface DomForm {
  action: string;
  elements: ArrayLike<DomControl>;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<{ tagName: string; value?: string; textContent: string | null }>;
}

/** The page's globals that the in-page functions touch. */
export interface DomGlobals {
  document: { activeElement: { closest(selector: string): unknown } | null };
}

/** The kinds of <input> that carry no value a person types or chooses. */
export const NON_FIELD_INPUT_TYPES = ["hidden", "submit", "button", "reset", "image"];

/**
 * Form fields with their label, description and error message tied together (aria-describedby,
 * aria-invalid), in the NL Design System's markup. Errors are keyed by field id.
 */
import type { ComponentChildren } from 'preact';

/** Error messages per field id, e.g. { 'participants-0-email': ['Vul een geldig e-mailadres in.'] }. */
export type FieldErrors = Record<string, string[]>;

interface FieldProps {
  id: string;
  name: string;
  label: string;
  errors?: FieldErrors | undefined;
  description?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, description: string | undefined, error: string[] | undefined): string | undefined {
  const ids = [description ? `${id}-beschrijving` : null, error?.length ? `${id}-fout` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell({
  id,
  label,
  description,
  error,
  children,
}: {
  id: string;
  label: string;
  description?: string | undefined;
  error?: string[] | undefined;
  children: ComponentChildren;
}) {
  const invalid = Boolean(error?.length);
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      {description && (
        <div class="utrecht-form-field-description utrecht-form-field__description" id={`${id}-beschrijving`}>
          {description}
        </div>
      )}
      {invalid && (
        <div class="utrecht-form-field-error-message utrecht-form-field__error-message" id={`${id}-fout`}>
          {error!.join(' ')}
        </div>
      )}
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    type?: 'text' | 'email' | 'tel' | 'password' | 'datetime-local' | 'date';
    autoComplete?: string;
    inputMode?: 'numeric' | 'text' | 'email' | 'tel';
    size?: 'small';
    autoFocus?: boolean;
  },
) {
  const error = props.errors?.[props.id];
  return (
    <FieldShell id={props.id} label={props.label} description={props.description} error={error}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${error?.length ? ' utrecht-textbox--invalid' : ''}${props.size === 'small' ? ' koers-textbox--small' : ''}`}
        id={props.id}
        name={props.name}
        // Preact's typings pick an overload per literal type; both values are plain text inputs.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        autoFocus={props.autoFocus || undefined}
        aria-invalid={error?.length ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.description, error)}
        required={props.required}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { value: string; rows?: number }) {
  const error = props.errors?.[props.id];
  return (
    <FieldShell id={props.id} label={props.label} description={props.description} error={error}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error?.length ? ' utrecht-textarea--invalid' : ''}`}
        id={props.id}
        name={props.name}
        rows={props.rows ?? 6}
        aria-invalid={error?.length ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.description, error)}
        required={props.required}
      >
        {props.value}
      </textarea>
    </FieldShell>
  );
}

export function SelectField(props: FieldProps & { value: string; options: [string, string][]; placeholder: string }) {
  const error = props.errors?.[props.id];
  return (
    <FieldShell id={props.id} label={props.label} description={props.description} error={error}>
      <select
        class={`utrecht-select utrecht-select--html-select${error?.length ? ' utrecht-select--invalid' : ''}`}
        id={props.id}
        name={props.name}
        aria-invalid={error?.length ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.description, error)}
      >
        <option value="">{props.placeholder}</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value} key={value}>
            {label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of radio buttons or checkboxes under one legend; its error sits under the legend. */
export function ChoiceGroup(props: {
  id: string;
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: [string, string][];
  checked: string[];
  errors?: FieldErrors | undefined;
  description?: string;
}) {
  const error = props.errors?.[props.id];
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error?.length ? ' utrecht-form-fieldset--invalid' : ''}`}
      id={props.id}
      aria-describedby={describedBy(props.id, props.description, error)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{props.legend}</legend>
      {props.description && (
        <div class="utrecht-form-field-description" id={`${props.id}-beschrijving`}>
          {props.description}
        </div>
      )}
      {error?.length ? (
        <div class="utrecht-form-field-error-message" id={`${props.id}-fout`}>
          {error.join(' ')}
        </div>
      ) : null}
      {props.options.map(([value, label], index) => {
        const inputId = `${props.id}-${index}`;
        return (
          <div class={`utrecht-form-field utrecht-form-field--${props.type === 'radio' ? 'radio' : 'checkbox'}`} key={value}>
            <div class="utrecht-form-field__input">
              <input
                class={props.type === 'radio' ? 'utrecht-radio-button utrecht-radio-button--html-input' : 'utrecht-checkbox utrecht-checkbox--html-input'}
                type={props.type}
                id={inputId}
                name={props.name}
                value={value}
                checked={props.checked.includes(value)}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class={`utrecht-form-label utrecht-form-label--${props.type === 'radio' ? 'radio' : 'checkbox'}`} for={inputId}>
                {label}
              </label>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * At the top of a form that came back with errors: each links to its field, and says which row or
 * section it is about (`contextOf`), since "Vul de naam in" alone does not say whose.
 */
export function ErrorSummary({ errors, general, contextOf }: { errors: FieldErrors; general?: string[]; contextOf?: (fieldId: string) => string | undefined }) {
  const entries = Object.entries(errors).flatMap(([id, messages]) => messages.map((message) => [id, message] as const));
  if (entries.length === 0 && !general?.length) return null;
  return (
    // Focus lands here when the refused page loads (autofocus, no script needed): the reader hears what to fix first.
    <div class="utrecht-alert utrecht-alert--error koers-error-summary" role="alert" aria-labelledby="fouten-titel" tabIndex={-1} id="fouten" autoFocus>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 class="utrecht-heading-2" id="fouten-titel">
            Er ging iets mis
          </h2>
          {general?.map((message) => (
            <p class="utrecht-paragraph" key={message}>
              {message}
            </p>
          ))}
          {entries.length > 0 && (
            <ul class="utrecht-unordered-list">
              {entries.map(([id, message]) => (
                <li class="utrecht-unordered-list__item" key={`${id}:${message}`}>
                  <a class="utrecht-link utrecht-link--html-a" href={`#${id}`}>
                    {contextOf?.(id) ? `${contextOf(id)}: ${message}` : message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}

export function SubmitButton({ children, intent, secondary = false }: { children: ComponentChildren; intent: string; secondary?: boolean }) {
  return (
    <button
      class={`utrecht-button utrecht-button--${secondary ? 'secondary' : 'primary'}-action utrecht-button--submit`}
      type="submit"
      name="intent"
      value={intent}
    >
      {children}
    </button>
  );
}

/** Turns validation issues (zod's, or a workflow refusal's) into messages per field id. */
export interface FormIssue {
  path: readonly PropertyKey[];
  message: string;
}

export function errorsByField(issues: readonly FormIssue[]): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const { path, message } of issues) {
    if (path.length === 0) {
      general.push(message);
      continue;
    }
    const id = path.map(String).join('-');
    (fields[id] ??= []).includes(message) || fields[id]!.push(message);
  }
  return { fields, general };
}

/** "Deelnemer 2" for participants-1-email: the row a field id belongs to, numbered as the form shows it. */
export function rowContext(rows: Record<string, string>): (fieldId: string) => string | undefined {
  return (fieldId) => {
    const match = /^([A-Za-z]+)-(\d+)-/.exec(fieldId);
    const label = match ? rows[match[1]!] : undefined;
    return label && match ? `${label} ${Number(match[2]) + 1}` : undefined;
  };
}

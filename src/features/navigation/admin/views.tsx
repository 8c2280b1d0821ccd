import type { Child } from 'hono/jsx';
import { BackLink } from '../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Field, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { linkTargetKinds, type LinkTarget, type LinkTargetKind } from '../../../platform/web/link-targets.ts';
import { LABEL_MAX, URL_TARGET } from '../inputs.ts';
import type { StaffMenuItem } from '../menus.ts';
import type { MenuName } from '../schema.ts';

export const base = '/admin/navigation';
export const menuTitles: Record<MenuName, string> = { main: 'Main menu', footer: 'Footer links' };

const kindNames: Record<LinkTargetKind, string> = {
  page: 'Pages',
  list: 'Lists',
  petition: 'Petitions',
  event: 'Events',
  resource: 'Resources',
  policy: 'Policies',
  post: 'Posts',
};

/** What the item leads to, in words a person checks at a glance. */
function leadsTo(item: StaffMenuItem): Child {
  if (item.url !== null)
    return (
      <>
        another site: <span class="menu-item-url">{item.url}</span>
      </>
    );
  if (item.problem === 'gone')
    return (
      <strong class="error-text">
        Broken: what it led to ({item.targetKind} “{item.targetRef}”) is unpublished or deleted, so the public menu
        leaves it out. Edit it to choose something else, or remove it.
      </strong>
    );
  const where = `${item.target!.label.en} (${item.target!.path})`;
  if (item.problem === 'empty') return <>{where}: shown only while there is something in it (now there is nothing)</>;
  return where;
}

function MoveButton(props: { item: StaffMenuItem; direction: 'up' | 'down'; token: string; disabled: boolean }) {
  const { item, direction } = props;
  return (
    <Form action={`${base}/items/${item.id}/move`} token={props.token} class="inline-action">
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" class="button secondary" disabled={props.disabled}>
        Move {direction}
        <span class="visually-hidden"> {item.labelEn}</span>
      </button>
    </Form>
  );
}

/** One menu as an ordered list: each item with its words, where it leads, and what staff may do to it. */
function MenuList(props: { menu: MenuName; items: StaffMenuItem[]; token: string; mayEdit: boolean }) {
  const { menu, items, token, mayEdit } = props;
  const heading = `menu-${menu}-title`;
  return (
    <section aria-labelledby={heading} class="menu-editor">
      <h2 id={heading}>{menuTitles[menu]}</h2>
      {items.length === 0 ? <p>No items: the public site shows none here.</p> : null}
      <ol
        class="menu-items"
        data-reorder={mayEdit ? `reorder-${menu}` : undefined}
        data-status={mayEdit ? `reorder-${menu}-status` : undefined}
      >
        {items.map((item, index) => (
          <li id={`item-${item.id}`} data-item-id={String(item.id)} data-label={item.labelEn} tabindex={-1}>
            <p class="menu-item-words">
              <strong>{item.labelEn}</strong>
              {item.labelEs ? (
                <span lang="es"> · {item.labelEs}</span>
              ) : (
                <span> · no Spanish words (shows the English)</span>
              )}
              {item.hidden ? <span class="badge badge-draft">Hidden</span> : null}
              {item.problem === 'gone' ? <span class="badge badge-missing">Broken</span> : null}
            </p>
            <p class="menu-item-target">Leads to {leadsTo(item)}</p>
            {mayEdit ? (
              <div class="button-group">
                <MoveButton item={item} direction="up" token={token} disabled={index === 0} />
                <MoveButton item={item} direction="down" token={token} disabled={index === items.length - 1} />
                <a href={`${base}/items/${item.id}`}>
                  Edit<span class="visually-hidden"> {item.labelEn}</span>
                </a>
                <a href={`${base}/items/${item.id}/remove`}>
                  Remove<span class="visually-hidden"> {item.labelEn}</span>
                </a>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {mayEdit ? (
        <>
          {/* Where the workspace script sends an order made by dragging; a plain form, like every other. */}
          <Form action={`${base}/${menu}/order`} token={token} class="reorder-form">
            <input type="hidden" name="order" id={`reorder-${menu}`} value={items.map((i) => i.id).join(',')} />
          </Form>
          <p class="visually-hidden" role="status" id={`reorder-${menu}-status`}></p>
          <p>
            <a class="button secondary" href={`${base}/new?menu=${menu}`}>
              Add an item to the {menu === 'main' ? 'main menu' : 'footer'}
            </a>
          </p>
        </>
      ) : null}
    </section>
  );
}

export function MenusScreen(props: { menus: Record<MenuName, StaffMenuItem[]>; token: string; mayEdit: boolean }) {
  return (
    <>
      <h1>Navigation</h1>
      <p>
        The links at the top of every public page and in its footer, in this order.
        {props.mayEdit
          ? ' Move an item with its buttons, or drag it. Changes show on the public site at once.'
          : ' Your role may look, not change them.'}
      </p>
      <MenuList menu="main" items={props.menus.main} token={props.token} mayEdit={props.mayEdit} />
      <MenuList menu="footer" items={props.menus.footer} token={props.token} mayEdit={props.mayEdit} />
    </>
  );
}

export type ItemFormValues = { labelEn?: string; labelEs?: string; target?: string; url?: string; hidden?: string };

/** The select of everything an item may lead to, grouped by kind, then "another site". */
function TargetSelect(props: {
  targets: readonly LinkTarget[];
  value: string | undefined;
  error?: string | undefined;
}) {
  const { targets, value, error } = props;
  const described = ['target-hint', error ? 'target-error' : ''].filter(Boolean).join(' ');
  const chosen = value ?? '';
  const offered = new Set(targets.map((t) => `${t.kind}:${t.ref}`));
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for="target">Leads to</label>
      <p class="hint" id="target-hint">
        Something on this site, or another site (then type its address below).
      </p>
      {error ? (
        <p class="error-message" id="target-error">
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <select id="target" name="target" aria-describedby={described} aria-invalid={error ? 'true' : undefined}>
        <option value="" selected={chosen === ''}>
          Choose…
        </option>
        {chosen !== '' && chosen !== URL_TARGET && !offered.has(chosen) ? (
          <option value={chosen} selected>
            {chosen} (no longer published)
          </option>
        ) : null}
        {linkTargetKinds.map((kind) => {
          const ofKind = targets.filter((t) => t.kind === kind);
          if (ofKind.length === 0) return null;
          return (
            <optgroup label={kindNames[kind]}>
              {ofKind.map((t) => {
                const key = `${t.kind}:${t.ref}`;
                return (
                  <option value={key} selected={chosen === key}>
                    {t.label.en} ({t.path})
                  </option>
                );
              })}
            </optgroup>
          );
        })}
        <optgroup label="Elsewhere">
          <option value={URL_TARGET} selected={chosen === URL_TARGET}>
            Another site (type its address)
          </option>
        </optgroup>
      </select>
    </div>
  );
}

/** Adding or editing one item. */
export function ItemForm(props: {
  heading: string;
  action: string;
  token: string;
  targets: readonly LinkTarget[];
  values: ItemFormValues;
  errors: FieldErrors;
  menu?: MenuName;
  submit: string;
}) {
  const { values, errors } = props;
  return (
    <>
      <BackLink href={base}>Navigation</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>{props.heading}</h1>
      <Form action={props.action} token={props.token}>
        {props.menu ? <input type="hidden" name="menu" value={props.menu} /> : null}
        <Field
          name="labelEn"
          label="Words people see (English)"
          hint={`Short: at most ${LABEL_MAX} characters.`}
          value={values.labelEn}
          error={errors.labelEn}
          maxlength={LABEL_MAX}
          lang="en"
        />
        <Field
          name="labelEs"
          label="Words people see (Spanish)"
          hint="Optional: without them, Spanish pages show the English words."
          value={values.labelEs}
          error={errors.labelEs}
          maxlength={LABEL_MAX}
          lang="es"
        />
        <TargetSelect targets={props.targets} value={values.target} error={errors.target} />
        <Field
          name="url"
          type="url"
          label="Address on another site"
          hint="Only when it leads to another site: https://… or mailto:…. The menu marks it as another site."
          value={values.url}
          error={errors.url}
        />
        <Checkbox name="hidden" label="Hide it from the public site for now" checked={values.hidden === 'on'} />
        <div class="button-group">
          <button type="submit" class="button">
            {props.submit}
          </button>
          <a href={base}>Cancel</a>
        </div>
      </Form>
    </>
  );
}

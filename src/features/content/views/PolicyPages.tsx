import { BackLink, Notice, Prose } from '../../../platform/web/components.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { messagesFor } from '../../../platform/web/messages.ts';
import { contentMessages } from '../messages.ts';
import type { Policy } from '../service.ts';

function PolicyFacts(props: { policy: Policy; locale: Locale }) {
  const { policy, locale } = props;
  const t = contentMessages(locale);
  return (
    <dl class="meta">
      {policy.billNumber ? (
        <>
          <dt>{t.policies.bill}:</dt>
          <dd>{policy.billNumber}</dd>
        </>
      ) : null}
      <dt>{t.policies.session}:</dt>
      <dd>{policy.sessionYear}</dd>
      <dt>{t.policies.status}:</dt>
      <dd>{t.policyStatus[policy.status]}</dd>
      <dt>{t.policies.position}:</dt>
      <dd class={`position-${policy.position}`}>{t.policyPosition[policy.position]}</dd>
      {policy.isDemo ? (
        <dd>
          <span class="badge">{t.policies.demo}</span>
        </dd>
      ) : null}
    </dl>
  );
}

export function PolicyListPage(props: { policies: Policy[]; locale: Locale }) {
  const { policies, locale } = props;
  const t = contentMessages(locale);
  return (
    <>
      <h1>{t.policies.title}</h1>
      <p>{t.policies.intro}</p>
      {policies.length === 0 ? <p>{t.policies.empty}</p> : null}
      <ul class="list-plain">
        {policies.map((p) => (
          <li>
            <h2 lang={p.isFallback ? p.text.locale : undefined}>
              <a href={localizedPath(locale, `/policies/${p.slug}`)}>
                {p.billNumber ? `${p.billNumber}: ` : ''}
                {p.text.title}
              </a>
            </h2>
            <PolicyFacts policy={p} locale={locale} />
            <p lang={p.isFallback ? p.text.locale : undefined}>{p.text.summary}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PolicyPage(props: { policy: Policy; locale: Locale }) {
  const { policy, locale } = props;
  const t = contentMessages(locale);
  const textLang = policy.text.locale;
  return (
    <>
      {policy.isFallback ? <Notice>{messagesFor(locale).untranslated}</Notice> : null}
      <BackLink href={localizedPath(locale, '/policies')}>{t.policies.back}</BackLink>
      <article>
        <h1 lang={policy.isFallback ? textLang : undefined}>
          {policy.billNumber ? `${policy.billNumber}: ` : ''}
          {policy.text.title}
        </h1>
        <PolicyFacts policy={policy} locale={locale} />
        <p lang={policy.isFallback ? textLang : undefined}>
          <strong>{policy.text.summary}</strong>
        </p>
        <Prose markdown={policy.text.bodyMd} locale={locale} lang={textLang} />
      </article>
    </>
  );
}

import { BackLink, formatDay, Notice } from '../../../platform/web/components.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { storyPageMessages } from '../page-messages.ts';
import type { PublishedStory } from '../published.ts';
import { storyTopics, type StoryTopic } from '../schema.ts';

/** The teller's words as plain paragraphs: escaped as text by JSX, never read as HTML or Markdown. */
export function StoryParagraphs(props: { text: string; lang?: Locale | undefined }) {
  const paragraphs = props.text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    <div class="story-words" lang={props.lang}>
      {paragraphs.map((p) => (
        <p class="pre-line">{p}</p>
      ))}
    </div>
  );
}

const langOf = (story: PublishedStory, locale: Locale) => (story.lang !== locale ? story.lang : undefined);

function PublishedDay(props: { story: PublishedStory; locale: Locale; timeZone: string }) {
  const t = storyPageMessages(props.locale);
  return (
    <time datetime={props.story.publishedAt.toISOString()}>
      {t.publishedOn(formatDay(props.story.publishedAt, props.locale, props.timeZone))}
    </time>
  );
}

function ContentNotes(props: { notes: string | null; locale: Locale }) {
  const t = storyPageMessages(props.locale);
  return (
    <p class="notice story-notes" role="note">
      <strong>{t.contentNotes}:</strong> {props.notes ?? t.noContentNotes}
    </p>
  );
}

function ShareOwn(props: { locale: Locale }) {
  const t = storyPageMessages(props.locale);
  return (
    <aside class="cta story-share" aria-labelledby="share-own">
      <h2 id="share-own">{t.shareOwn}</h2>
      <p>{t.shareOwnIntro}</p>
      <p>
        <a class="button" href={localizedPath(props.locale, '/share-your-story')}>
          {t.shareOwn}
        </a>
      </p>
    </aside>
  );
}

/** The topics as links: plain GETs, so the filter works without JavaScript and each filtered list can be cached. */
function TopicFilter(props: { locale: Locale; topic: StoryTopic | undefined }) {
  const { locale, topic } = props;
  const t = storyPageMessages(locale);
  const list = localizedPath(locale, '/stories');
  return (
    <nav class="story-filter" aria-labelledby="story-filter">
      <h2 id="story-filter">{t.filterHeading}</h2>
      <ul class="list-inline">
        <li>
          <a href={list} aria-current={topic === undefined ? 'page' : undefined}>
            {t.allTopics}
          </a>
        </li>
        {storyTopics.map((name) => (
          <li>
            <a href={`${list}?topic=${name}`} aria-current={topic === name ? 'page' : undefined}>
              {t.topicNames[name]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** /stories: why they are here, how to choose, the filter, a card for each story (content notes, never the text). */
export function StoriesPage(props: {
  locale: Locale;
  stories: PublishedStory[];
  topic: StoryTopic | undefined;
  timeZone: string;
}) {
  const { locale, topic } = props;
  const t = storyPageMessages(locale);
  return (
    <>
      <h1>{topic ? `${t.title}: ${t.topicNames[topic]}` : t.title}</h1>
      <p class="lead">{t.intro}</p>
      <p>{t.careNote}</p>
      <p>
        <a href={localizedPath(locale, '/share-your-story')}>{t.shareOwn}</a>
      </p>
      <TopicFilter locale={locale} topic={topic} />
      <h2>{t.storyList}</h2>
      {props.stories.length === 0 ? (
        <p>{topic ? t.emptyTopic : t.empty}</p>
      ) : (
        <ul class="grid story-cards">
          {props.stories.map((story) => (
            <li class="card">
              <h3 lang={story.title ? langOf(story, locale) : undefined}>
                <a href={localizedPath(locale, `/stories/${story.publicId}`)}>{story.title ?? t.untitled}</a>
              </h3>
              <p class="meta">
                {story.signedAs ? t.signedBy(story.signedAs) : t.anonymous} ·{' '}
                <PublishedDay story={story} locale={locale} timeZone={props.timeZone} />
              </p>
              <ContentNotes notes={story.contentNotes} locale={locale} />
              {story.topics.length > 0 ? (
                <p class="meta">
                  {t.topics}: {story.topics.map((name) => t.topicNames[name]).join(', ')}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ShareOwn locale={locale} />
    </>
  );
}

/**
 * One story: its content notes first, then the words behind "Continue to the story" (a native disclosure, so it
 * works by keyboard and without JavaScript), the signature the teller allowed, the day, the topics.
 */
export function StoryPage(props: { locale: Locale; story: PublishedStory; timeZone: string }) {
  const { locale, story } = props;
  const t = storyPageMessages(locale);
  const lang = langOf(story, locale);
  return (
    <>
      <BackLink href={localizedPath(locale, '/stories')}>{t.back}</BackLink>
      <article class="news-article story">
        <h1 lang={story.title ? lang : undefined}>{story.title ?? t.untitled}</h1>
        <p class="meta">
          <PublishedDay story={story} locale={locale} timeZone={props.timeZone} />
        </p>
        {lang ? <Notice>{t.inOtherLanguage}</Notice> : null}
        <ContentNotes notes={story.contentNotes} locale={locale} />
        {story.contentNotes ? (
          <details class="story-text">
            <summary>{t.continueToStory}</summary>
            <StoryParagraphs text={story.text} lang={lang} />
          </details>
        ) : (
          <StoryParagraphs text={story.text} lang={lang} />
        )}
        <p class="story-signature">{story.signedAs ? t.signedBy(story.signedAs) : t.anonymous}</p>
        {story.topics.length > 0 ? (
          <>
            <h2>{t.topics}</h2>
            <ul class="list-inline">
              {story.topics.map((name) => (
                <li>
                  <a href={`${localizedPath(locale, '/stories')}?topic=${name}`}>{t.topicNames[name]}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </article>
      <ShareOwn locale={locale} />
    </>
  );
}

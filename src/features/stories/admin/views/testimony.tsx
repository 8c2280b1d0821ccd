import { BackLink } from '../../../../platform/web/components.tsx';
import type { TestimonyStory } from '../../published.ts';
import { StoryParagraphs } from '../../views/story-pages.tsx';

const NAME_WITHHELD = 'Name withheld';

/**
 * The testimony packet, printed for a hearing: each chosen story on its own page, its content notes first, its
 * redacted words, signed only as its teller allowed. The workspace's frame and these instructions stay off the paper.
 */
export function TestimonyPacketView(props: { stories: TestimonyStory[]; unredacted: number }) {
  const { stories } = props;
  return (
    <div class="testimony-packet">
      <BackLink href="/admin/stories" class="no-print">
        Stories
      </BackLink>
      <h1>Testimony packet</h1>
      <div class="no-print">
        {stories.length === 0 ? (
          <p>
            No stories are chosen for testimony yet. A story can go in the packet when its teller consented to it being
            read as testimony: open the story and choose it for testimony, on its screen. Only its redacted version is
            printed, never the original, and never how to reach the teller.
          </p>
        ) : (
          <p class="hint">
            {stories.length === 1 ? '1 story' : `${stories.length} stories`}, each on its own page. Print this page with
            your browser’s Print command; the menu and these notes are left off the paper.
          </p>
        )}
        {props.unredacted > 0 ? (
          <p class="notice" role="note">
            {props.unredacted === 1 ? '1 chosen story is' : `${props.unredacted} chosen stories are`} left out: save a
            redacted version of it first.
          </p>
        ) : null}
      </div>
      {stories.map((story, i) => (
        <article class="packet-story" aria-labelledby={`packet-story-${i}`}>
          <h2 id={`packet-story-${i}`} lang={story.lang}>
            {story.title ?? `Story ${i + 1}`}
          </h2>
          {story.contentNotes ? (
            <p>
              <strong>Content notes:</strong> {story.contentNotes}
            </p>
          ) : null}
          <StoryParagraphs text={story.text} lang={story.lang} />
          {story.translation ? (
            <section aria-label={`Translation of story ${i + 1}`}>
              <h3>Translation</h3>
              <StoryParagraphs text={story.translation.text} lang={story.lang === 'en' ? 'es' : 'en'} />
            </section>
          ) : null}
          <p class="story-signature">{story.signedAs ? `— ${story.signedAs}` : NAME_WITHHELD}</p>
        </article>
      ))}
    </div>
  );
}

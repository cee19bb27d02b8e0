// What the meetings routes take and answer. Bodies drop fields they do not name (the validator's
// removeAdditional), so nothing unasked-for reaches the service.
import { Type, type Static } from 'typebox';
import { databaseId, Nullable, OneOf } from '../core/schemas.js';
import { networkSlugParam } from '../networks/public.js';

const closed = { additionalProperties: false } as const;

/**
 * A moment as a `datetime-local` input sends it ("2027-04-12T18:00", read on the forum's clocks), or as
 * a script may (with `Z` or an offset: that instant).
 */
export const meetingMoment = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})?$' });
const place = Type.String({ minLength: 1, maxLength: 200 });
const mapUrl = Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$' });
const capacity = Type.Integer({ minimum: 1, maximum: 100000 });

const meetingFields = {
  startsAt: meetingMoment,
  endsAt: meetingMoment,
  place,
  mapUrl: Type.Optional(mapUrl),
  capacity: Type.Optional(capacity),
};

export const newMeetingBody = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 150 }),
    body: Type.String({ minLength: 1, maxLength: 20000 }),
    ...meetingFields,
    /** Admins only: more networks invited besides the board's own (the annual conference). */
    networks: Type.Optional(Type.Array(networkSlugParam.properties.network, { maxItems: 50 })),
    submission: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{8,100}$' })),
  },
  closed,
);
export type NewMeetingBody = Static<typeof newMeetingBody>;

export const editMeetingBody = Type.Object(meetingFields, closed);
export type EditMeetingBody = Static<typeof editMeetingBody>;

export const rsvpBody = Type.Object(
  { answer: OneOf(['going', 'maybe', 'not_going']), headcount: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })) },
  closed,
);
export const minutesBody = Type.Object({ postId: databaseId }, closed);
export const meetingsQuery = Type.Object({ network: Type.Optional(networkSlugParam.properties.network) });
export const calendarParams = Type.Object({ token: Type.String({ pattern: '^[a-z2-7]{20,80}$' }) });

const Counts = Type.Object({
  /** People coming: the headcounts of those going with a place. */
  going: Type.Integer(),
  /** Answers `going` with a place. */
  goingAnswers: Type.Integer(),
  maybe: Type.Integer(),
  notGoing: Type.Integer(),
  /** People waiting: the headcounts on the waiting list. */
  waiting: Type.Integer(),
  capacity: Nullable(Type.Integer()),
  /** Places still free; null without a capacity. */
  placesLeft: Nullable(Type.Integer()),
});

const OwnAnswer = Nullable(
  Type.Object({
    answer: OneOf(['going', 'maybe', 'not_going']),
    headcount: Type.Integer(),
    waiting: Type.Boolean(),
    /** 1 for the first on the waiting list; null with a place or another answer. */
    position: Nullable(Type.Integer()),
  }),
);

const Attendee = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  headcount: Type.Integer(),
  business: Nullable(Type.Object({ slug: Type.String(), name: Type.String() })),
});

export const MeetingJson = Type.Object({
  threadId: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  place: Type.String(),
  mapUrl: Nullable(Type.String()),
  cancelled: Type.Boolean(),
  sequence: Type.Integer(),
  networks: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
  counts: Counts,
  yourAnswer: OwnAnswer,
  /** Members see who is coming (with their businesses); guests null. */
  attendees: Nullable(Type.Object({ going: Type.Array(Attendee), maybe: Type.Array(Attendee), waiting: Type.Array(Attendee) })),
  /** The reply marked as the minutes; null until one is. */
  minutesPostId: Nullable(Type.Integer()),
});
export type MeetingJsonType = Static<typeof MeetingJson>;

export const RsvpResult = Type.Object({ threadId: Type.Integer(), counts: Counts, yourAnswer: OwnAnswer });

export const MeetingListItem = Type.Object({
  threadId: Type.Integer(),
  title: Type.String(),
  path: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  place: Type.String(),
  going: Type.Integer(),
  capacity: Nullable(Type.Integer()),
  networks: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
});
export type MeetingListItemType = Static<typeof MeetingListItem>;

export const MeetingsPageJson = Type.Object({
  network: Nullable(Type.String()),
  months: Type.Array(Type.Object({ month: Type.String(), label: Type.String(), meetings: Type.Array(MeetingListItem) })),
});

export const StartedMeeting = Type.Object({ id: Type.Integer(), title: Type.String(), network: Type.String(), meeting: MeetingJson });
export const CalendarUrl = Type.Object({ url: Type.String() });

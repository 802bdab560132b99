// The schema of a profile's groups file (profiles/<id>/groups.json): the groups registered from this
// app or entered by the admin, since Samsung has no call that lists them.
import * as v from 'valibot';
import type { JsonWords } from '../../common/schema/check-json.ts';
import { dateText, list, objectIgnoringOthers, oneOf, orNull, rawText } from '../../common/schema/json-fields.ts';

const anyText = rawText(Number.MAX_SAFE_INTEGER);

/** A group as kept on disk. */
export const groupRecordSchema = objectIgnoringOthers({
  groupId: rawText(Number.MAX_SAFE_INTEGER, { filled: true }),
  license: anyText,
  source: oneOf(['registered', 'entered']),
  addedAt: dateText(),
  registeredAt: v.optional(orNull(dateText()), null),
  // British on purpose: the key is in every groups.json already written (identifiers elsewhere say "license").
  licenceChangedAt: v.optional(orNull(dateText()), null),
  note: v.optional(anyText, ''),
});

/** A group as kept on disk. */
export type GroupRecord = Readonly<v.InferOutput<typeof groupRecordSchema>>;

/** groups.json (files written before the version field are read as version 1). */
export const groupsFileSchema = v.pipe(
  objectIgnoringOthers({ groups: list(groupRecordSchema, 100_000) }),
  v.transform((file) => ({ version: 1 as const, groups: file.groups as readonly GroupRecord[] })),
);

/** groups.json, as read. */
export type GroupsFile = v.InferOutput<typeof groupsFileSchema>;

/** Words for groups.json's problems: which group, counted from 1 as the admin counts. */
export const groupsWords: JsonWords = {
  place: (keys) => (keys[0] === 'groups' && typeof keys[1] === 'number' ? `group ${keys[1] + 1} is incomplete:` : null),
};

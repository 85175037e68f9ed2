/**
 * A place in the statement named for the reader, in their language: "Clause 9.1",
 * "Act 3 title", "Act 3, note for Africa", "Title"... Act and clause numbers stay as
 * written (Western digits); regions and headings are the statement's own words.
 */
import { defineMessages, type IntlShape, type NoMessageValues } from "react-intl";
import type { TextPlace } from "../../../shared/comments/places.js";

/** What each message is given (none for most). */
type Values = {
  clause: { clause: string };
  act: { act: string };
  actTitle: { act: string };
  regionalNote: { act: string; region: string };
  regionalNoteUnnamed: { act: string };
  title: NoMessageValues;
  preamble: NoMessageValues;
  signatories: NoMessageValues;
  afterActs: NoMessageValues;
  statement: NoMessageValues;
  outsideActs: NoMessageValues;
};

const messages = defineMessages<Values>({
  clause: { id: "comments.placeClause", defaultMessage: "Clause {clause}" },
  act: { id: "comments.placeAct", defaultMessage: "Act {act}" },
  actTitle: { id: "comments.placeActTitle", defaultMessage: "Act {act} title" },
  regionalNote: { id: "comments.placeRegionalNote", defaultMessage: "Act {act}, note for {region}" },
  regionalNoteUnnamed: { id: "comments.placeRegionalNoteUnnamed", defaultMessage: "Act {act}, regional note" },
  title: { id: "comments.placeTitle", defaultMessage: "Title" },
  preamble: { id: "comments.placePreamble", defaultMessage: "Preamble" },
  signatories: { id: "comments.placeSignatories", defaultMessage: "Signatory organisations" },
  afterActs: { id: "comments.placeAfterActs", defaultMessage: "After the Acts" },
  statement: { id: "comments.placeStatement", defaultMessage: "Statement" },
  outsideActs: { id: "comments.placeOutsideActs", defaultMessage: "Outside the Acts" },
});

/** The name of `place` in the language of `intl`. */
export function placeName(intl: IntlShape, place: TextPlace): string {
  switch (place.kind) {
    case "clause":
      return intl.formatMessage(messages.clause, { clause: place.clause });
    case "act":
      return intl.formatMessage(messages.act, { act: String(place.act) });
    case "actTitle":
      return intl.formatMessage(messages.actTitle, { act: String(place.act) });
    case "regionalNote":
      return place.region === null
        ? intl.formatMessage(messages.regionalNoteUnnamed, { act: String(place.act) })
        : intl.formatMessage(messages.regionalNote, { act: String(place.act), region: place.region });
    case "afterActs":
      // The section's own heading names it best; it is the statement's words, not translated.
      return place.heading ?? intl.formatMessage(messages.afterActs);
    case "title":
    case "preamble":
    case "signatories":
    case "statement":
    case "outsideActs":
      return intl.formatMessage(messages[place.kind]);
  }
}

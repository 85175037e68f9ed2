/**
 * The coalition's regions in the reader's language. A region is stored as its English name
 * (the Ten Acts template's list, `SIGN_ON_REGIONS`), which stays the key in data and the
 * CSV; pages and exports show it through these messages. A region the catalogues do not
 * know (a workspace's own) is shown as stored.
 */
import { defineMessages, type IntlShape, type MessageDescriptor } from "@formatjs/intl";

const messages = defineMessages({
  africa: { id: "region.africa", defaultMessage: "Africa" },
  asia: { id: "region.asia", defaultMessage: "Asia" },
  europe: { id: "region.europe", defaultMessage: "Europe" },
  latinAmerica: { id: "region.latinAmerica", defaultMessage: "Latin America" },
  mena: { id: "region.mena", defaultMessage: "Middle East and North Africa" },
  northAmerica: { id: "region.northAmerica", defaultMessage: "North America" },
  pacific: { id: "region.pacific", defaultMessage: "Pacific" },
});

const byStoredName: ReadonlyMap<string, MessageDescriptor> = new Map(Object.values(messages).map((message) => [String(message.defaultMessage), message]));

/** A region's name in `intl`'s language (react-intl's or @formatjs/intl's), or as stored when it is not one of the template's. */
export function regionName(intl: Pick<IntlShape<never>, "formatMessage">, region: string): string {
  const message = byStoredName.get(region);
  return message ? intl.formatMessage(message) : region;
}

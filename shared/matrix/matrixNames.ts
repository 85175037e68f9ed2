/**
 * The matrix's words in the reader's language: positions, channels, UN regional groups,
 * and a target's name. Shared by the pages and the server's exports (CSV, XLSX, heat map),
 * so a position reads the same everywhere.
 */
import { defineMessages, type IntlShape } from "@formatjs/intl";
import type { UnRegionalGroup } from "./governments.js";
import type { Channel, Position } from "./matrix.js";

const positionMessages = defineMessages({
  supports: { id: "matrix.position.supports", defaultMessage: "Supports" },
  flexible: { id: "matrix.position.flexible", defaultMessage: "Flexible" },
  opposes: { id: "matrix.position.opposes", defaultMessage: "Opposes" },
  unknown: { id: "matrix.position.unknown", defaultMessage: "Not known" },
});

const channelMessages = defineMessages({
  new_york: { id: "matrix.channel.newYork", defaultMessage: "New York mission" },
  geneva: { id: "matrix.channel.geneva", defaultMessage: "Geneva mission" },
  capital: { id: "matrix.channel.capital", defaultMessage: "Capital" },
});

const groupMessages = defineMessages({
  african: { id: "matrix.unGroup.african", defaultMessage: "African Group" },
  asia_pacific: { id: "matrix.unGroup.asiaPacific", defaultMessage: "Asia-Pacific Group" },
  eastern_european: { id: "matrix.unGroup.easternEuropean", defaultMessage: "Eastern European Group" },
  latin_american_caribbean: { id: "matrix.unGroup.latinAmericanCaribbean", defaultMessage: "Latin American and Caribbean Group" },
  western_european_others: { id: "matrix.unGroup.westernEuropeanOthers", defaultMessage: "Western European and Others Group" },
});

/** A one-character mark per position, so the heat map never says it by colour alone. */
export const positionMarks: Readonly<Record<Position, string>> = { supports: "✓", flexible: "~", opposes: "✗", unknown: "?" };

type Formatter = Pick<IntlShape<never>, "formatMessage">;

export const positionName = (intl: Formatter, position: Position): string => intl.formatMessage(positionMessages[position]);
export const channelName = (intl: Formatter, channel: Channel): string => intl.formatMessage(channelMessages[channel]);
export const unGroupName = (intl: Formatter, group: UnRegionalGroup): string => intl.formatMessage(groupMessages[group]);

/** A target's name: a state's in the reader's language (`countryName` of its code), another actor's as the workspace wrote it. */
export function targetName(target: { code: string | null; name: string }, countryName: (code: string) => string | undefined): string {
  return target.code ? (countryName(target.code) ?? target.code) : target.name;
}

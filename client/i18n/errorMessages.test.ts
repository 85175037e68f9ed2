import { describe, expect, it } from "vitest";
import { createIntl } from "react-intl";
import ar from "../../shared/i18n/catalogues/ar.json";
import en from "../../shared/i18n/catalogues/en.json";
import fr from "../../shared/i18n/catalogues/fr.json";
import { ApiFailure } from "../api.js";
import { describeFailure } from "./errorMessages.js";

const english = createIntl({ locale: "en", defaultLocale: "en", messages: en });

describe("describeFailure", () => {
  it("says an API failure's id's message, not the server's English text", () => {
    const failure = new ApiFailure(403, "wrong_password", "server text");
    expect(describeFailure(english, failure)).toBe("Your current password is not right.");
    expect(describeFailure(createIntl({ locale: "fr", messages: fr }), failure)).toBe("Votre mot de passe actuel est incorrect.");
  });

  it("gives the wait after too many attempts in whole minutes, rounded up", () => {
    expect(describeFailure(english, new ApiFailure(429, "too_many_attempts", "", 30))).toBe("Too many failed attempts. Try again in 1 minute.");
    expect(describeFailure(english, new ApiFailure(429, "too_many_attempts", "", 61))).toBe("Too many failed attempts. Try again in 2 minutes.");
    expect(describeFailure(english, new ApiFailure(429, "too_many_attempts", ""))).toBe("Too many failed attempts. Try again later.");
    expect(describeFailure(createIntl({ locale: "ar", messages: ar }), new ApiFailure(429, "too_many_attempts", "", 120))).toContain("دقيقتين");
  });

  it("says something general for anything else thrown", () => {
    expect(describeFailure(english, new TypeError("x is undefined"))).toBe("Something went wrong. Try again.");
    expect(describeFailure(english, undefined)).toBe("Something went wrong. Try again.");
  });
});

/** Answers of the profile form shared by the page and the server (which must not reach the browser). */
export const declaredInterestAnswers = ["yes", "no", "prefer-not"] as const;

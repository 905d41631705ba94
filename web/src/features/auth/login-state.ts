/**
 * What a page that sends a visitor to the sign-in page passes along (router state): where to return,
 * and why they were sent — `required` by a page only signed-in people open (RequireAuth), `takePart`
 * by a public page's invitation to vote, answer, support or comment (SignInPrompt). Without a reason
 * (the header's "Войти") the form shows alone.
 */
export type LoginState = { from?: string; reason?: 'required' | 'takePart' };

## Country: asked once, lightly, the first time support lines are shown; /country changes it.

country-us = United States
country-gb = United Kingdom
country-ie = Ireland
country-ca = Canada
country-au = Australia
country-es = Spain
country-mx = Mexico
country-ar = Argentina
country-co = Colombia
country-other = Somewhere else
country-ask-crisis = If you tell me which country you're in, I'll give you the line there. I'll remember it; /country changes it.
country-ask-abuse = Which country are you in? Then I can give you the right line. I'll remember it; /country changes it.
country-ask =
    Which country are you in? I only use it to show you the right support lines.
    { $current }
country-current = Right now it's set to { $name }.
country-current-none = You haven't picked one yet.
country-set = Got it: { $name }. The support lines I show will be for there. /country changes it any time.
country-set-other = Okay. When it matters, I'll point you to { $directory }, which lists free lines in most countries.

## Reflection: a reassurance question is handed back, never answered with a verdict.

reflection-self = It makes sense to want someone to say whether this feeling is "too much". I can't judge that from here, and you don't need a verdict to take the feeling seriously. What is underneath the question: fear, hurt, loneliness?
reflection-mind = Wanting to know what's in their head is so human. I can't read their mind, and guessing tends to feed the alarm. What is the fear underneath the guessing?
reflection-love = Only they can answer that, and mostly through what they do over time, not through one answer today. What is making it feel so urgent right now?
reflection-choice-ground = A 60-second reset
reflection-choice-walk = Walk me through it
reflection-choice-sit = I just needed to say it
reflection-sit = That's okay. Saying it out loud can take some of the pressure off. I'm here whenever the feeling comes back.
reflection-named = If you want to go through what happened, just tell me. /ground is there for a 60-second reset.

## Loop awareness and "ride the wave"

wave-name = This worry has come back { $count } times in the last day. That's how the loop works: checking or asking brings relief for a few hours, then the doubt returns, often louder. Want to try riding this wave instead of chasing it?
wave-ride = Ride the wave
wave-full = Go through it all
wave-notice = First, notice the urge (to check, to ask, to text) and where it sits in your body. How strong is it right now, from 1 (calm) to 5 (very strong)?
wave-wait = Now let the urge be there without acting on it for 20 minutes, until about { $back_at }. No checking, no asking. Keep your hands busy if you can. When you're back, pick the option below.
wave-back = I'm back
wave-early = It's been { $minutes ->
        [one] one minute
       *[other] { $minutes } minutes
    }. Urges often peak just before they ease. Want to give it a little longer?
wave-keep = Keep riding it
wave-rate-now = Rate it now
wave-rerate = Welcome back. How strong is the urge now, from 1 (calm) to 5 (very strong)?
wave-lower = It went from { $before } to { $after }. You let it pass without feeding it, and it eased on its own. That's how the loop loosens, one round at a time.
wave-same = Still at { $after }. That happens; some waves are long. Want a grounding exercise, or to go through it all?
wave-higher = It went up from { $before } to { $after }. Some waves build before they break, and that isn't a failure. Want a grounding exercise, or to go through it all?
wave-choice-ground = Grounding exercise
wave-choice-done = I'm okay for now
wave-done = Okay. I'm here if it rises again.

## The safety plan (/safetyplan), in the Stanley-Brown style

plan-intro = A safety plan is a short list you write while you're okay, for a moment when you're not. Six small parts, and you can skip any of them. Want to start?
plan-begin = Let's start
plan-later = Not now
plan-later-text = Okay. /safetyplan is here whenever you want it.
plan-ask-warning_signs = 1/6. What tells you a hard moment is building? Thoughts, feelings, situations. A few words is enough. { $current }
plan-ask-coping = 2/6. What can you do on your own to get through it for a while? A walk, music, a shower, a game. { $current }
plan-ask-places = 3/6. Which people or places help take your mind off things? A friend's place, a café, the gym. { $current }
plan-ask-people = 4/6. Who could you ask for help, and how would you reach them? Names and numbers are fine. { $current }
plan-ask-professionals = 5/6. Which professionals or lines would you contact? { $hint } { $current }
plan-ask-safer = 6/6. What could make your situation safer in a hard moment? For example, keeping certain things out of reach, or staying with someone. { $current }
plan-current = (Now: "{ $value }". Write a new answer, or choose Skip to keep it.)
plan-hint-line = For example: { $line }.
plan-hint-none = For example, your doctor, or a line from { $directory }.
plan-title = Your safety plan
plan-label-warning_signs = My warning signs
plan-label-coping = Things I can do on my own
plan-label-places = People and places that help
plan-label-people = People I can ask for help
plan-label-professionals = Professionals and lines
plan-label-safer = Making my situation safer
plan-show = That's your plan. You can change it, or keep it as it is.
plan-edit = Change it
plan-delete = Delete it
plan-keep = Keep it
plan-kept = Okay, it stays as it is.
plan-saved = Saved. /safetyplan shows it any time, and I'll bring it up if things get hard. /mydata includes it; /forget deletes it.
plan-nothing = Nothing saved yet, and that's okay. /safetyplan is here whenever you want to fill it in.
plan-delete-confirm = Delete your safety plan? This can't be undone.
plan-delete-yes = Yes, delete it
plan-delete-no = No, keep it
plan-deleted = Deleted. You can write a new one with /safetyplan any time.

## After the abuse path: safety instead of a script for talking to that partner

partner-unsafe-path = Earlier you told me about something frightening with your partner. When someone has been violent or controlling, raising your feelings with them isn't a safe first step, and it isn't yours to fix. A support line can help you think it through; /help shows it.
partner-unsafe-communicate = Earlier you told me about something frightening with your partner, so I won't help script a talk with them: it may not be safe. A support line can help you plan what to say, and when; /help shows it.

## The second tier of the safety screen: ask directly, never assume

safety-check-ask = That sounds really heavy, and I want to check in before anything else. Are you thinking about hurting yourself or ending your life, or is someone hurting you?
safety-check-self = I'm thinking about hurting myself
safety-check-hurt = Someone is hurting me
safety-check-safe = No, I'm safe
safety-check-thanks = Thank you for telling me. Let's look at what happened.

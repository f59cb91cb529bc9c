## Shared buttons and small replies

choice-done = Done
choice-another = Another one
choice-skip = Skip
choice-continue = Continue
input-empty = I didn't catch anything there. Tell me what happened, in a few words or many.
pick-a-choice = Choose one of the options below (its number works too), or /stop to leave this for now.
choice-passed = That question has passed. Here is where we are now.
stopped = Okay, we'll leave it there. I'm here whenever you want to pick it up again.
unknown-command = I don't know /{ $command }. /help shows what I can do.
error-generic = Something went wrong on my side, sorry. Please try again in a moment.
error-not-stored = Something went wrong on my side and I couldn't save that message. Please send it again in a moment.
group-go-private = This is personal, so let's talk privately. Tap below to open a private chat with me.

## /start

start-welcome =
    Hi, I'm Groundwork. When worry about your relationship spikes, I help you slow down, sort out what the feeling is telling you, and pick one next step.
    I'm not therapy and not an emergency service.
start-how = Just tell me what happened, in your own words, whenever it hits. Or try /ground for a 60-second reset.
start-privacy = What you write stays between us: /mydata shows all of it, /forget deletes it. /help lists everything else.

## /help

help-commands =
    Tell me what happened (or /trigger); we'll take it step by step.
    /ground: a one-minute reset
    /learn: short cards on insecurity
    /communicate: words for your partner
    /safetyplan: your plan for hard moments
    /journal: your moments and your week
    /circle ask, /talk: your circle, a helper
    /stop: leave this conversation
    /nudge /quiet /pause /timezone: daily check-in settings
    /language /country: language, support lines
    /start /mydata /forget: about me, your data, delete it all
    In danger or thinking of hurting yourself? Tell me, or call your emergency number; findahelpline.com lists free lines.

## /language

language-pick = Which language would you like?
language-en = English
language-es = Español
language-detected = I'll answer in English. To switch, type /language.
language-set = Okay, I'll use English from now on.

## /mydata and /forget

mydata-ready = Here is everything I keep about you, as a file. You can delete all of it with /forget.
forget-confirm = This deletes everything I keep about you: settings, journal, your circle memberships, open questions and help rooms (their posts and rooms too), and any check-ins I planned. It can't be undone. Go ahead?
forget-yes = Yes, delete it all
forget-no = No, keep it
forget-done = Done. Everything about you is deleted. If you write again, I'll start fresh.
forget-kept = Okay, nothing was deleted.

## Console adapter

console-intro = Groundwork, in your terminal. Type a number to pick an option, :advance 1h to move the clock forward, Ctrl-D to quit.
console-no-choices = There's nothing to pick right now. Just tell me what happened.
console-bad-choice = There's no option with that number. Pick one from 1 to { $count }.
console-bad-meta = I only know :advance, for example :advance 90m, :advance 3h or :advance 2d.
console-bad-advance = I couldn't read that time. Try :advance 90m, :advance 3h or :advance 2d.
console-returning = Good to see you again. Tell me what happened, or type /help.
console-advanced = Nothing was due on the way. It's now { $time }.

## Small talk (flows/smalltalk.yaml): not a worry, so no walk-through and no journal entry

smalltalk-greeting = Hi, I'm Groundwork. When worry about your relationship spikes, I help you slow down and find one next step. Tell me what happened, in a few words or many, or try /ground for a 60-second reset.
smalltalk-thanks = You're welcome. Be kind to yourself today; I'm here whenever you need me.
smalltalk-okay = Okay. I'm here whenever you want to talk something through.
smalltalk-distress = That looks like a hard moment. Do you want to tell me what happened, or try a 60-second reset first?
smalltalk-tell = Tell you what happened
smalltalk-reset = A 60-second reset
smalltalk-unclear = I didn't catch that. Tell me what happened in your own words, or type /help.
nothing-open = Nothing is open right now, so there's nothing to answer. Tell me what's on your mind, or type /help to see what I can do.

## Typed words at a step that asks (the step's `input` in flows/): heard, then onwards

heard-feeling = "{ $feeling }". Thank you for naming it. A feeling with a name is a little easier to hold.
heard-words = Thank you for putting that into words.
heard-look-closer = Thank you. Let's look at it from two sides, one question at a time.
heard-no-number = Thank you for telling me. A number isn't needed.
language-typed = I can write in English or Spanish. Choose one, or type its name.

## The trigger flow

trigger-ask-what = What happened? A few words are enough.
trigger-ack = { $topic ->
    [texting] Waiting for a reply and filling the silence with guesses is exhausting. That knot makes sense.
    [comparison] Measuring your relationship against someone else's can sting fast. The feeling is real.
    [jealousy] Jealousy can hit hard and all at once. It's uncomfortable, and it's okay that you feel it.
    [monitoring] That urge to check can feel impossible to ignore. Thanks for pausing here first.
    [reassurance] Needing to know you're okay with them is a heavy feeling to carry. Let's slow it down together.
    [partner] What you describe would unsettle a lot of people. Let's look at it with a clear head.
   *[other] That sounds really uncomfortable. Thank you for putting it into words.
}

diagnostic-question = Here's a question worth sitting with: would someone without your history also be worried by this exact situation?
diagnostic-others-too = Yes, most people would be
diagnostic-my-history = Probably my history talking
diagnostic-unsure = I'm not sure

discriminator-familiar = Is this feeling new with this partner, or familiar from other relationships too?
discriminator-new = New with this partner
discriminator-familiar-yes = Familiar from before
discriminator-partner = Lately, has your partner been inconsistent, dishonest or dismissive with you?
discriminator-partner-yes = Yes, at times
discriminator-partner-no = Not really

internal-step = { $topic ->
    [texting] This feels like danger, but it's an alarm that learned to ring early, not a fact. One step: pick a time, say 45 minutes, and don't check until then. Notice what the feeling does while you wait.
    [monitoring] The urge to check is the alarm asking for relief. Try this: notice the urge, name it ("checking urge"), and delay it 20 minutes. Urges rise and fall if you let them.
    [reassurance] That need for an answer right now is an old alarm. Ask yourself: if a friend told you this, what would you say to them? Write that to yourself.
    [comparison] You're comparing your ordinary days with someone's best moments. Name three small, real things from your own week that a photo would never show.
    [jealousy] Jealousy points at a fear, not at a fact. Ask yourself what the fear underneath is, such as being left or feeling like less, and what you would need to feel steady.
   *[other] This feels urgent, but it may be an alarm that learned to ring early, not a fact about now. Name the feeling in one word, and let it be there for two minutes without acting on it.
}
offer-communicate = Help me say it to them
offer-raise-it = Help me raise it

relationship-step =
    { $signal ->
        [lying] Being lied to is a real reason for concern. This isn't you being too sensitive. It's worth raising as what you noticed and how it affects you, not as a verdict.
        [hot_cold] Warm one day and distant the next would unsettle most people. That's a real signal, and it's fair to want to understand it.
        [dismissal] Being told you're "too sensitive" when you raise a need is a real problem, not a flaw in you. Your needs are allowed to be heard.
        [hidden_contact] Finding contact they kept hidden is a real reason to feel uneasy. It's fair to bring it up calmly and ask about it.
       *[none] If most people would be worried too, this is worth taking seriously. It's fair to raise it, as what you noticed and how it affects you.
    }
    If you ever feel unsafe with them, /help shows where to reach support.

rate-now = How strong is the feeling now, from 1 (calm) to 5 (very strong)?
rate-1 = 1 · calm
rate-2 = 2
rate-3 = 3
rate-4 = 4
rate-5 = 5 · very strong

followup-offer = Would you like me to check in with you later? Just once.
followup-1h = In 1 hour
followup-3h = In 3 hours
followup-tomorrow = Tomorrow morning
followup-no = No, thanks

trigger-close-internal = { $followup ->
    [no] Okay. You did something hard just now: you let the alarm ring without obeying it. I'm here whenever you need me.
   *[other] Okay, I'll check in around { $followup_at }. Until then, go gently: the alarm can ring without you having to answer it.
}
trigger-close-relationship = { $followup ->
    [no] Okay. What you noticed is worth taking seriously, and you took a moment to steady yourself before deciding what to do about it. I'm here whenever you need me.
   *[other] Okay, I'll check in around { $followup_at }. What you noticed is worth taking seriously, and you don't have to decide what to do about it right now.
}
trigger-close-unsafe = Okay. You deserve to feel safe with the people close to you. The support line is there whenever you're ready; /help shows it again. I'm here too.

## /ground

ground-after = That minute counts. If there's anything you want to talk through, just tell me what happened.

## The communicate helper

communicate-feeling = Let's turn it into something about what's happening in you, not an accusation. What do you feel most?
feeling-anxious = Anxious
feeling-hurt = Hurt
feeling-lonely = Lonely
feeling-unsure = Unsure about us
communicate-need = What would help you feel steadier with them?
need-talk = A calm talk
need-plan = Knowing when we'll connect
need-honesty = Honesty about what happened
need-closeness = Some closeness
communicate-words = What happened, in one line, as you'd say it to them? For example: "you said you'd call and didn't". Or choose Skip.
communicate-draft = Here's a start you can change:
    "{ $said ->
        [none] Lately I've been feeling { $feeling ->
            [anxious] anxious
            [hurt] hurt
            [lonely] lonely
           *[unsure] unsure about us
        }.
       *[other] When { $said }, I felt { $feeling ->
            [anxious] anxious
            [hurt] hurt
            [lonely] lonely
           *[unsure] unsure about us
        }.
    } { $route ->
        [relationship] I'd like us to talk about it.
       *[other] It may be an old fear of mine, but I'd rather tell you than carry it alone.
    } What would help me is { $need ->
        [plan] knowing when we'll talk next.
        [honesty] you telling me honestly what happened.
        [closeness] some time close to you.
       *[talk] a calm talk, just the two of us.
    }"{ $aside ->
        [none] {""}
       *[other] {"\u000A"}You wrote: "{ $aside }". Said to them, it could start with "When you…".
    }
communicate-tips = Say it when you're both calm, about one thing, and then listen. How they receive it tells you something too.
communicate-closing = Take your time with it. You don't have to send it today, and you can change every word.

## Crisis and abuse replies. Short, direct, warm; one line to reach, never a list of twenty.

crisis-resources =
    I'm really glad you told me. You deserve a person's support right now.
    { $crisis_line }
    { $emergency_line }
    { $directory_line }
crisis-line =
    { $known ->
        [yes] Here's the line where you are: { $crisis_line }
       *[no] { $crisis_line } { $directory_line }
    }
    { $emergency_line }
crisis-ground = One small thing, only if you can: put both feet on the floor and breathe out slowly, longer than you breathe in. Three times. I'm right here.
crisis-plan = That's the plan you wrote for a moment like this. Pick one thing from it you could do in the next few minutes.
crisis-stay = I'm staying with you. Take your time: write anything, or choose an option below.
crisis-choice-better = That helped a little
crisis-choice-talk = I want to keep talking
crisis-choice-misread = You misunderstood me
crisis-better = { $plan ->
        [shown] I'm glad, even if it's only a little. The line above is there day and night, and your plan is there whenever you need it again.
       *[other] I'm glad, even if it's only a little. The line above is there day and night. When you feel steadier, /safetyplan helps you write down what helps, for next time.
    }
crisis-talk = I'm listening. Tell me what's happening, in any words. If it gets worse, please reach the line above: a person there can do more than I can.
crisis-misread = Thank you for telling me, and sorry for jumping in. I'd rather check than miss it. Tell me what's going on and we'll go from there. /help always shows where support is.

crisis-heard =
    Thank you for telling me. It sounds really heavy, and you don't have to carry it alone.
    { $crisis_line }
    Want to keep writing, or try a short grounding exercise?
crisis-choice-more = Keep writing
abuse-heard =
    Thank you for trusting me with this. None of it is your fault.
    { $abuse_line }
    Write more if you want, only what feels safe.

abuse-safe-check =
    What you describe sounds frightening, and it isn't your fault.
    { $emergency_line }
    First: are you safe to talk right now?
abuse-choice-safe = Yes, I can talk
abuse-choice-unsafe = Not really
abuse-line =
    { $abuse_line }
    { $directory_line }
    They're trained for exactly this and can help you plan, at your pace. You don't have to decide anything today.
abuse-care =
    One thing, plainly: with someone who hurts, threatens or controls you, telling them how you feel isn't a safe first step. Plan that with the line, not alone.
    You can delete everything here any time with /forget.
abuse-choice-ok = Okay
abuse-unsafe =
    Okay, short and quick. { $emergency_line }
    { $abuse_line } { $directory_line }
    /forget deletes this conversation. Write again whenever it's safe; I'll be here.
abuse-ok = Take care of yourself. The line is there whenever you're ready, and /help shows it any time.
abuse-talk = I'm listening. Share only what feels safe to share. If you're in danger at any point, call your emergency number.
abuse-misread = Thank you for telling me, and sorry I jumped in. Let's go on: tell me what's on your mind. /help always shows where support is.

## How a line is written out

resource-emergency = In an emergency, call { $number }.
resource-line = { $name }: { $how }{ $open }.
resource-open-247 = , day and night
resource-none = A person at a free, confidential helpline can be with you in this, right now.
resource-directory-known = Other countries: { $directory }
resource-directory-unknown = Free lines for your country: { $directory }
resource-emergency-unknown = In an emergency, call your local emergency number (112 in most of Europe, 911 in North America).
resource-call = call { $value }
resource-text = text { $value }
resource-web = find the nearest one at { $value }
resource-chat = chat at { $value }
resource-text-keyword = text { $keyword } to { $value }
resource-whatsapp = message { $value } on WhatsApp
resource-call-local = or { $value } in { $area }

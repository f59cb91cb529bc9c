## Follow-ups (bot/scheduling, flows/followup.yaml)

followup-ask-ontime = Checking in, like you asked. Earlier, { $about } was weighing on you. How strong is that feeling now, from 1 (calm) to 5 (very strong)?
followup-ask-late = This comes later than we planned, sorry. Earlier, { $about } was weighing on you. How strong is that feeling now, from 1 (calm) to 5 (very strong)?
followup-about-texting = waiting on a message
followup-about-comparison = comparing your relationship with others
followup-about-jealousy = a jealous feeling
followup-about-monitoring = the urge to check
followup-about-reassurance = needing to hear it's okay
followup-about-partner = something your partner did
followup-about-other = something in your relationship
followup-about-group = something
followup-skip = Not now
followup-eased = It went from { $before } to { $after }. The feeling rose and then eased, and you didn't have to check anything for that to happen.
followup-same = Still around { $after }, close to the { $before } from before. That's okay; some feelings take longer to settle. Be gentle with yourself today.
followup-noted = Thanks, noted: { $after } out of 5. Whatever the number, you paused to look at it, and that counts.
followup-still-strong = It's still strong. Want a one-minute grounding exercise, or to tell me what's happening now?
followup-rose = It went up from { $before } to { $after }. That happens, and it doesn't mean you did anything wrong. Want a one-minute grounding exercise, or to tell me what's happening now?
followup-ground = Grounding exercise
followup-talk = Tell you what's happening
followup-later = Maybe later
followup-skipped = Okay. I'm here whenever you want to talk.

## Daily nudges (flows/nudge.yaml)

nudge-checkin =
    Daily check-in: how strong is any worry or unease today, from 1 (calm) to 5 (very strong)?
    Today's idea: { $tip }
nudge-stop-these = Stop these
nudge-thanks-low = Thanks for being honest. A low day is information, not a verdict. If something hits later, just tell me what happened.
nudge-thanks-mid = Thanks. Somewhere in the middle is a fine place to be. I'm here if anything comes up.
nudge-thanks-high = Good to hear. Notice what helped today; it's worth remembering.
nudge-stopped = Done, no more daily check-ins. /nudge turns them back on any time.
nudge-heard = Thank you for telling me. If something is weighing on you, tell me what happened, whenever you like.

## /nudge

nudge-menu =
    { $state ->
        [on] Daily check-ins are on, at { $time } ({ $tz }).
       *[off] Daily check-ins are off.
    } One short question and one small idea a day. What time suits you? /timezone changes the time zone.
nudge-at-0800 = 08:00
nudge-at-0900 = 09:00
nudge-at-1300 = 13:00
nudge-at-1900 = 19:00
nudge-at-2100 = 21:00
nudge-other-time = Another time
nudge-turn-off = Turn off
nudge-ask-time = What time? Type it as HH:MM, for example 07:30.
nudge-saved = Done: a check-in every day at { $time }, { $tz } time. First one: { $next_at }. /pause takes a break, /nudge off stops them.
nudge-off = Daily check-ins are off. /nudge turns them back on.
nudge-invalid = "{ $value }" isn't a time I can use. Try HH:MM on a 24-hour clock, like /nudge 09:00, or /nudge off.
nudge-in-quiet = { $time } falls inside your quiet hours ({ $quiet }), so I won't send anything then. Pick another time, or change them with /quiet.

## /nudge after the abuse path: asked once, in words that give nothing away if seen

nudge-device-ask = Before I set this up: these messages pop up on this device at the time you pick. Is that okay for you?
nudge-device-ok = Yes, that's fine
nudge-device-no = No, leave them off
nudge-device-no-done = Okay, nothing will be sent. You can always come here and write when it suits you.

## /timezone

tz-pick = Your time zone is { $tz }. Pick the closest, or type its name (like Europe/Madrid).
tz-los-angeles = Los Angeles (UTC−8/−7)
tz-mexico-city = Mexico City (UTC−6)
tz-bogota = Bogotá, Lima (UTC−5)
tz-new-york = New York (UTC−5/−4)
tz-buenos-aires = Buenos Aires (UTC−3)
tz-london = London, Lisbon (UTC+0/+1)
tz-madrid = Madrid, Paris, Berlin (UTC+1/+2)
tz-kolkata = India (UTC+5:30)
tz-sydney = Sydney (UTC+10/+11)
tz-other = Type another
tz-ask = Type your time zone as Region/City, for example America/Chicago or Europe/Madrid.
tz-saved = Time zone set to { $tz }. It's { $local_now } there now.
tz-invalid = I don't know the time zone "{ $value }". Use a Region/City name, like /timezone Europe/Madrid.

## /pause

pause-pick = Take a break from daily check-ins for how long?
pause-1d = 1 day
pause-3d = 3 days
pause-7d = 7 days
pause-resume = Resume now
pause-saved = Paused until { $until }. Follow-ups you ask for still come; /pause off resumes early.
pause-resumed = Check-ins are back on their usual schedule, if you have them on (/nudge).
pause-invalid = "{ $value }" isn't a pause I understand. Try a number of days up to 30, like /pause 3d, or /pause off.

## /quiet

quiet-pick = Quiet hours: { $quiet }. Nothing scheduled reaches you then; a follow-up due inside waits until they end.
quiet-2208 = 22:00 to 08:00
quiet-2307 = 23:00 to 07:00
quiet-2109 = 21:00 to 09:00
quiet-other = Another window
quiet-turn-off = No quiet hours
quiet-ask = Type the window as HH:MM-HH:MM, for example 23:30-07:00.
quiet-saved = Quiet hours set: { $quiet }, your local time.
quiet-off = No quiet hours: scheduled messages can arrive at any time.
quiet-invalid = "{ $value }" isn't a window I can use. Try start-end on a 24-hour clock, like /quiet 22:00-08:00, or /quiet off.

## /stop

stop-offer = { $scheduled ->
        [several] The messages you set up will still come.
        [weekly] Your weekly journal summary will still come.
        [nudges] Your daily check-in will still come.
       *[followup] The check-in you asked for will still come.
    } Do you want scheduled messages switched off too?
stop-all-off = Yes, switch them off
stop-keep = No, keep them
stop-all-off-done = Done: nothing scheduled will reach you now. /nudge turns daily check-ins back on.
stop-kept = Okay, they stay as they are.

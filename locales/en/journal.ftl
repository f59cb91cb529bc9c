## /journal: the list, the week and month pictures, the weekly summary (flows/journal.yaml, bot/journal)

journal-topic-texting = Waiting for a reply
journal-topic-comparison = Comparing with others
journal-topic-jealousy = Jealousy
journal-topic-monitoring = The urge to check
journal-topic-reassurance = Needing to hear it's okay
journal-topic-partner = Something they did
journal-topic-other = Something else
journal-route-internal = my history
journal-route-relationship = the relationship
journal-route-none = not answered

journal-list =
    Your latest moments, newest first:
    { $lines }
journal-list-more =
    Earlier moments:
    { $lines }
journal-list-empty = Nothing in your journal yet. When you tell me about a hard moment, it's kept here, only for you.
journal-list-end = That's everything in your journal.
journal-line = { $when } · { $topic } · { $route } · { $feeling }
journal-line-unrated = not rated
journal-line-before = { $before }/5
journal-line-both = { $before } → { $after }
journal-more = More
journal-delete-one = Delete one
journal-close = Done
journal-ask-delete = Which one should I delete? Type its number from the list ({ $first }–{ $last }).
journal-delete-invalid = I couldn't find number { $value } in that list. Type a number from { $first } to { $last }.
journal-confirm-delete = Delete the moment from { $when } ({ $topic })? This can't be undone.
journal-delete-yes = Yes, delete it
journal-delete-no = No, keep it
journal-deleted = Deleted. It's gone from your journal and from the pictures.
journal-delete-kept = Okay, it stays.
journal-closed = Okay. /journal week shows the last seven days as a picture.
journal-usage = Try /journal for your latest moments, /journal week or /journal month for a picture, or /journal weekly on to get the week's picture every Sunday.

journal-chart-title-week = Last 7 days ({ $first } – { $last })
journal-chart-title-month = Last 30 days ({ $first } – { $last })
journal-chart-intensity-title = How strong each moment felt, by day
journal-chart-intensity-axis = Intensity (1–5)
journal-chart-after = after the follow-up
journal-chart-topics-title = What it was about
journal-chart-settle-title = { $direction ->
    [down] By the follow-up ({ $followed }): { $change } lower on average
    [up] By the follow-up ({ $followed }): { $change } higher on average
    [flat] By the follow-up ({ $followed }): about the same on average
   *[none] By the follow-up: none yet
    }
journal-settle-eased = eased
journal-settle-same = same
journal-settle-stronger = stronger
journal-settle-none = no follow-up

# The summary says in words what the picture shows, one line per panel (joined in bot/journal/words.py).
journal-summary = { $summary }
journal-summary-count =
    { $period ->
        [week] Last 7 days
       *[month] Last 30 days
    }: { $count } hard moments, most often “{ $topic }” ({ $topic_count }).
journal-summary-intensity = Before, the feeling was { $mean_before } out of 5 on average, strongest on { $peak_day }.
journal-summary-routes = You marked { $internal } as your history and { $relationship } as the relationship; { $unanswered } without an answer.
journal-summary-followup = { $followed ->
    [0] None had a follow-up yet.
   *[other] { $followed } had a follow-up: { $eased } eased, { $same } stayed the same, { $stronger } got stronger.
    }
journal-not-enough = { $count ->
    [one] One moment
   *[other] { $count } moments
    } in the last { $period ->
        [week] 7 days
       *[month] 30 days
    }, and a picture needs at least five. Nothing to chase here: fewer hard moments is good news too.

journal-reflection-relationship-events = Several moments you marked as the relationship's came after something your partner did. That's worth taking seriously, not explaining away.
journal-reflection-relationship = Several of these you marked as being about the relationship, not your history. Those deserve attention in their own right.
journal-reflection-same-settled = Most of these came from the same kind of worry, and most eased by the follow-up. An alarm that goes off early and then settles is worth knowing about.
journal-reflection-same = Most of these came from the same kind of worry. Knowing its shape makes it easier to spot next time it starts.
journal-reflection-settled = Most of these eased by the follow-up. The feeling was strong, and it passed.
journal-reflection-mixed = A mix of moments. Telling apart what's yours and what's the relationship's is the work itself, and you're doing it.
journal-therapist = The same worry has come back for { $weeks } weeks in a row. A therapist who works with relationship patterns can help with patterns like this; asking for that is an ordinary step.

journal-weekly-on = Done. Every { $day } at { $time } your time, I'll send the week's picture and a short summary. /journal weekly off stops it.
journal-weekly-off = Okay, no more weekly summaries. /journal week still shows the picture whenever you ask.
journal-weekly-state = { $state ->
    [on] Weekly summaries are on: { $day } at { $time }.
   *[off] Weekly summaries are off.
    } /journal weekly on sunday 19:00 turns them on (any day and time), /journal weekly off turns them off.
journal-weekly-invalid = I couldn't read “{ $value }”. Try /journal weekly on sunday 19:00.
journal-weekly-in-quiet = { $time } is inside your quiet hours ({ $quiet }), so it would never arrive. Pick another time, or change them with /quiet.
journal-weekly-held = While things at home may not be safe, I won't send the picture on my own; /journal week shows it whenever you choose.
journal-weekly-footer = /journal weekly off stops these.

journal-csv-ready = And your journal as a spreadsheet (CSV), one row per moment.
journal-weekly-stopped = I've turned the weekly journal summary off too; /journal weekly on brings it back.

## Command menus (Telegram, Discord)
telegram-cmd-journal = Your moments, and a picture of your week or month
discord-cmd-journal = Your moments, and a picture of your week or month
discord-opt-journal-name = show
discord-opt-journal = "week", "month", or "weekly on" / "weekly off"

## /mydata: the journal's columns in the CSV copy (times are local, in the zone named)
journal-csv-id = Entry
journal-csv-created-at = Date and time ({ $tz })
journal-csv-topic = What it was about
journal-csv-route = Where it came from
journal-csv-intensity = How hard (1–5)
journal-csv-intensity-after = How hard later (1–5)
journal-csv-text = In your words

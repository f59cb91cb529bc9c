## Support circles (issue 13): a group's anonymous daily check-in. Never a name, only totals.

circle-post = How loud is the alarm today? Pick a number: 1 is quiet, 5 is very loud. Nobody sees who picked what, and you count once.
circle-totals-waiting = Totals show once { $needed } people have answered.
circle-totals = { $answers } answers so far: 1 → { $a1 } · 2 → { $a2 } · 3 → { $a3 } · 4 → { $a4 } · 5 → { $a5 }
circle-post-closed = This check-in has closed. The next one comes tomorrow.
circle-answer-1 = 1 · quiet
circle-answer-2 = 2
circle-answer-3 = 3
circle-answer-4 = 4
circle-answer-5 = 5 · very loud
circle-open-private = Talk it through privately

circle-press-counted = Counted, anonymously.
circle-press-changed = Changed. You still count once.
circle-press-same = You already answered that today.
circle-press-closed = This check-in has closed. A new one comes at the circle's usual time.
circle-press-unknown = That check-in is no longer here.
circle-offer-none = If that changes later, I'm one private message away.
circle-offer-talk = Want to talk it through? Open a private chat with me; nobody here will see it.
circle-offer-ground = A loud alarm is hard to carry. Want a 60-second reset? Send me /ground in a private chat.

circle-setup-done = This is now a support circle. Every day at { $time } ({ $zone }) I'll post one check-in in { $language }. Only totals are shown, and only once 3 people have answered.
circle-setup-changed = Circle updated: the check-in comes every day at { $time } ({ $zone }), in { $language }.
circle-setup-how = Change it the same way, for example /circle 20:00 Europe/Madrid es. /circle off ends the circle and deletes what it stored.
circle-setup-unreadable = I couldn't read "{ $value }". Try a time like 20:00, a time zone like Europe/Madrid, and a language: en or es.
circle-setup-ask = To start a circle here, tell me the check-in time, time zone and language, for example /circle 20:00 Europe/Madrid es.
circle-language-en = English
circle-language-es = Spanish
circle-off-done = This circle has ended. Everything it stored is deleted.
circle-off-none = There's no circle here right now.
circle-admins-only = Only this group's admins can set up or end a circle.
circle-manage-server-only = Only people who can manage this server can set up or end a circle.
circle-groups-only = Circles live in groups: add me to one and send /circle there. Already in a circle? Press "Join this circle" under one of its posts, then you can ask it things from here.
circle-servers-only = Circles live in server channels. Run /circle setup in the channel you want.
circle-missing-permissions = I can't run a circle in this channel yet. I'm missing: { $missing }. Give me those here, then run /circle setup again.
circle-perm-view = View Channel
circle-perm-send = Send Messages
circle-perm-embed = Embed Links

console-circle-help = Circle commands: :circle setup 20:00 Europe/Madrid en, :circle press 4, :circle press 2 as sam, :circle join, :circle answer worried|not|unsure as sam, :circle report, :circle moderators (this terminal gets the reports), :circle remove CODE, :circle block CODE, :circle off. Ask the circle with /circle ask.
console-circle-no-ask = There's no question posted in the circle yet. Join with :circle join, then ask with /circle ask.
console-circle-no-post = There's no check-in yet. Set up a circle, then :advance to its time.

discord-cmd-circle = Set up or end this channel's support circle
discord-cmd-circle-setup = Make this channel a support circle with a daily anonymous check-in
discord-cmd-circle-setup-name = setup
discord-cmd-circle-off = End this channel's circle and delete its data
discord-cmd-circle-off-name = off
discord-opt-circle-time = Check-in time, e.g. 20:00
discord-opt-circle-time-name = time
discord-opt-circle-zone = Time zone, e.g. Europe/Madrid
discord-opt-circle-zone-name = zone
discord-opt-circle-language = The circle's language
discord-opt-circle-language-name = language

telegram-cmd-circle-admin = Set up or end this group's support circle
## Asking the circle (issue 13, parts 3-4): a member's question, posted only as they confirmed it.

circle-join = Join this circle
circle-join-joined = You've joined this circle. Nobody here is told. To ask the circle something, send me /circle ask in our private chat.
circle-join-already = You're already in this circle. To ask it something, send me /circle ask in our private chat.
circle-join-unknown = This circle has ended, so there's nothing to join.
circle-ask-post = Someone in this circle asks: would you be worried by this?

    “{ $text }”

    Answer with a button. Nobody sees who pressed what, and replies here don't reach them. Code { $code }
circle-ask-answer-worried = I'd be worried too
circle-ask-answer-not = I wouldn't be
circle-ask-answer-unsure = Not sure
circle-report = Report
circle-report-unavailable = Reports aren't set up in this circle yet. If this post worries you, tell the group's admins.
circle-ask-answer-counted = Thanks. Your answer reaches them privately, without your name.
circle-ask-answer-changed = Changed. You still count once.
circle-ask-answer-same = You already gave that answer.
circle-ask-answer-gone = This question has closed.
circle-ask-result = The circle answered your question { $code }. “I'd be worried too”: { $worried }. “I wouldn't be”: { $not }. “Not sure”: { $unsure }.
circle-ask-reflect-none = Nobody answered this time. That says nothing about you or your question, and what you feel still counts.
circle-ask-reflect-worried = Most would feel uneasy too. That doesn't decide what's happening; it may be worth raising calmly. The circle only saw what you wrote, and your feeling is real either way.
circle-ask-reflect-not = Most wouldn't be worried by what you wrote. Your feeling is still real: it may be an old alarm going off early. The circle only saw the words, not the whole story.
circle-ask-reflect-mixed = The circle is split, which is honest: the same words land differently for different people. The circle only saw what you wrote, and your feeling is real either way.

circle-ask-not-member = To ask a circle, join one first: press "Join this circle" under one of its posts. Nobody there is told who joined.
circle-ask-overview = Your circles: { $circles }. { $live ->
        [0] You have no question open right now.
        [one] You have one question open.
       *[other] You have { $live } questions open.
    }
circle-ask-choice-ask = Ask a circle
circle-ask-choice-withdraw = Withdraw my questions
circle-ask-choice-withdraw-this = Withdraw it
circle-ask-choice-this = This circle
circle-ask-choice-other = Another circle
circle-ask-choice-cancel = Cancel
circle-ask-choice-post = Post it
circle-ask-choice-edit = Change it
circle-ask-choice-keep = Keep them
circle-ask-untitled = circle { $n }
circle-ask-pick = Which circle should I ask? { $circle }
circle-ask-write = Tell me what happened, in a sentence or two. I'll ask { $circle } whether they'd be worried by it, and show you the post first. Leave out names and details that could point to you.
circle-ask-preview = This is exactly what { $circle } would see, under "Someone in this circle asks":

    “{ $draft }”

    { $removed } Nothing is posted until you press "Post it"; to change it, type it again.
circle-ask-removed = I took out { $what }.
circle-ask-removed-name = a name
circle-ask-removed-handle = an @handle
circle-ask-removed-phone = a phone number
circle-ask-removed-email = an e-mail address
circle-ask-removed-link = a link
circle-ask-empty = Once names, handles, numbers and links were taken out, nothing was left to ask. Try saying what happened without them.
circle-ask-too-long = That's { $length } characters; a circle post holds { $limit }. Could you say it more briefly?
circle-ask-posted = Posted in { $circle } under the code { $code }. In 24 hours, or after 10 answers, I'll tell you here how people answered, and the post will be deleted.
circle-ask-blocked = The moderators of this circle have stopped posts from you there. You can still talk it through with me here.
circle-ask-limit-user = You've already asked this circle today. You can ask again tomorrow; meanwhile, I'm here if you want to talk it through.
circle-ask-limit-circle = This circle has had all the questions it takes for today. Try again tomorrow; meanwhile, I'm here if you want to talk it through.
circle-ask-failed = I couldn't post that in the circle just now. Nothing was posted. You can try again later.
circle-ask-withdraw-confirm = { $count ->
        [one] You have one question open ({ $codes }). Withdraw it? The post will be deleted and I won't send you its answers.
       *[other] You have { $count } questions open ({ $codes }). Withdraw them? The posts will be deleted and I won't send you their answers.
    }
circle-ask-withdraw-none = You have no question open in any circle.
circle-ask-withdrawn = { $count ->
        [0] That question had already closed.
        [one] Withdrawn. I deleted the post.
       *[other] Withdrawn. I deleted the { $count } posts.
    }
circle-ask-kept = Kept as it is.
circle-ask-cancelled = Cancelled. Nothing was posted.
circle-offer-unsure = Not sure is a fair answer. You're in a support circle: want to ask it, anonymously, whether they'd be worried by this? You'll see the post before anything goes out.
circle-offer-ask = Ask my circle
circle-offer-sort = Sort it out here
discord-cmd-circle-ask = Ask a circle you joined whether they'd be worried, anonymously
discord-cmd-circle-ask-name = ask
discord-opt-circle-question = What happened, in a sentence or two (you'll see the post first)
discord-opt-circle-question-name = question
circle-ask-in-private = Questions for the circle are written in a private chat with me, so nobody sees who asks.
circle-ask-open-private = Ask privately

## Moderation without unmasking (branch circles-mod): moderators see a post and its code, never a person.
circle-report-thanks = Thanks for flagging it. The moderators will take a look, and nobody is told who reported it.
circle-report-already = You've already reported this post. The moderators have it.
circle-report-gone = This post is no longer here.
circle-mod-report = A post in the circle was reported. Code: { $code }. Reports so far: { $reports }. Nobody here can see who wrote it or who reported it.
circle-mod-words = What the post says: { $words }
circle-mod-remove = Remove
circle-mod-block = Block this code
circle-mod-done-removed = The post was removed.
circle-mod-done-blocked = The post is gone, and whoever wrote { $code } can't post in this circle anymore.
circle-mod-removed = Done: the post with code { $code } is removed.
circle-mod-already-gone = The post with code { $code } had already ended.
circle-mod-blocked = Done: whoever wrote { $code } can't post in this circle anymore. You won't learn who it is, and neither will anyone else.
circle-mod-already-blocked = { $code } was already blocked in this circle.
circle-mod-unknown = That report isn't open anymore.
circle-mod-only = Only this chat's admins can act on reports.
circle-mod-only-discord = Only people who can manage messages in this channel can act on reports.
circle-removed-note = The circle's moderators took down your question. That can sting. It says nothing about what you're feeling, which is real. If you want, we can look at it together here.
circle-blocked-note = The circle's moderators took down your question, and you can't post in that circle anymore. They don't know who you are. You can still talk anything through with me here, privately.

circle-mods-link = To choose where this circle's reports go, add me to your moderators' group and send this there within 15 minutes: /circle moderators { $code }. Only someone who is an admin of both groups can use it.
circle-mods-linked = Reports from the circle now come to this chat. You'll see each reported post and its code, never who wrote or reported it.
circle-mods-bad-code = That code isn't valid anymore. Send /circle moderators in the circle's group to get a new one.
circle-mods-not-admin = Only someone who is an admin of both groups can choose where reports go.
circle-mods-cant-post = I can't send messages in that chat. Let me post there, then try again.
circle-mods-set = Reports from this circle now go to { $channel }. Moderators there see each reported post and its code, never who wrote or reported it.
circle-mods-missing = I can't post reports in { $channel } yet. I'm missing: { $missing }. Give me those there, then run this again.
circle-mods-no-circle = There's no circle in this channel yet. Run /circle setup here first.
discord-cmd-circle-moderators = Choose the channel where this circle's reports go
discord-cmd-circle-moderators-name = moderators
discord-opt-circle-channel = The moderators' channel
discord-opt-circle-channel-name = channel

## /learn cards

learn-menu = Which would you like to read about? Each card takes under a minute.
learn-more = Another card
card-title-reassurance = Asking for reassurance
card-title-checking = Checking and monitoring
card-title-jealousy = Jealousy
card-title-withdrawal = Pulling away and testing
card-title-comparison = The comparison trap
card-title-partner = When it's the partner
card-title-security = Building security

card-reassurance = Asking "are we okay?" brings relief for a few hours, then the doubt comes back and asks again. Each round teaches your alarm that it needs outside proof. Sitting with the doubt a little longer, without asking, is how it learns to settle on its own.
card-checking = Checking their phone, location or likes gives a moment of certainty, but there's always more to check. Monitoring doesn't build safety; it feeds the feeling that you need to keep watch. Try noticing the urge and delaying it, a little longer each time.
card-jealousy = Jealousy tells you something feels threatening, not whether the threat is real. Its strength isn't evidence. Before acting on it, ask what the fear underneath is, and talk about that fear and what you need, rather than about the other person.
card-withdrawal = Going quiet to see if they'll chase you, or setting little tests, can feel like a way to find out the truth. It usually erodes the trust you're trying to measure. Saying what you feel directly is slower to learn, and it works better.
card-comparison = Other couples show you their best moments; you live your ordinary ones. You know your inside and their outside, so the comparison is never fair. A better question: does your relationship feel good to be in, on an ordinary day?
card-partner = Not every worry is insecurity. Lying, being warm then cold for no reason, or being called "too sensitive" when you raise a need are real signals. Feeling uneasy about them is an accurate read, not a flaw. It's fair to raise them, and fair to decide what you need.
card-security = Security is learned, like the alarm was. It grows through steady relationships, a life of your own outside the relationship, and practice at sitting with uncertainty. If the pattern keeps coming back, a therapist can help: for example by working through old painful memories (EMDR), through what your body feels (somatic therapy), or with your partner, on the bond between you (emotionally focused couples therapy).
learn-after = Come back to these any time with /learn. If something happened just now, tell me about it.

# gen_stream.awk -- a deterministic stream of synthetic articles for tests
# that need volume (kill and resume, server load): N articles (-v n=...) on
# `topics` made-up events, each article drawing most words from its event's
# vocabulary, so that stories form.  Ids are PREFIX-1..N (-v prefix=...).
function word(len,   w, i) {
    w = ""
    for (i = 0; i < len; i++) w = w substr("bcdfghklmnprstvz", int(rand() * 16) + 1, 1) substr("aeiou", int(rand() * 5) + 1, 1)
    return w
}
BEGIN {
    srand(seed ? seed : 7)
    if (!n) n = 1000
    if (!topics) topics = 40
    if (!prefix) prefix = "g"
    for (t = 0; t < topics; t++) {
        place[t] = toupper(substr(w = word(3), 1, 1)) substr(w, 2)
        person[t] = toupper(substr(w = word(2), 1, 1)) substr(w, 2) " " toupper(substr(w = word(3), 1, 1)) substr(w, 2)
        for (k = 0; k < 12; k++) vocab[t, k] = word(3)
    }
    for (k = 0; k < 200; k++) common[k] = word(2)
    t0 = 1700000000
    for (i = 1; i <= n; i++) {
        t = int(rand() * rand() * topics)
        title = place[t] " " vocab[t, int(rand() * 12)] " " vocab[t, int(rand() * 12)] " " vocab[t, int(rand() * 12)]
        text = person[t] " said in " place[t] " that"
        for (k = 0; k < 60; k++)
            text = text " " (rand() < 0.5 ? vocab[t, int(rand() * 12)] : common[int(rand() * 200)])
        printf "{\"id\":\"%s-%d\",\"title\":\"%s\",\"text\":\"%s.\",\"lang\":\"en\",\"source\":\"outlet%d.example\",\"published\":%d}\n", prefix, i, title, text, i % 7, t0 + i * 300
    }
}

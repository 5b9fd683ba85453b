from concurrent.futures import ThreadPoolExecutor

import snowballstemmer

from smartregion.core import text


def test_stemming_in_parallel_threads_gives_the_sequential_result():
    """Threaded gunicorn workers stem at the same time; a shared Snowball instance broke under load."""
    words = [f"digitalisierungsmaßnahmen{number}kommunen" for number in range(4000)]
    expected = [snowballstemmer.stemmer("german").stemWord(word) for word in words]
    text.stem_word.cache_clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        chunks = [words[start::8] for start in range(8)]
        results = list(pool.map(lambda chunk: [text.stem_word(word) for word in chunk], chunks))
    stemmed = {
        word: stem
        for chunk, stems in zip(chunks, results, strict=True)
        for word, stem in zip(chunk, stems, strict=True)
    }
    assert [stemmed[word] for word in words] == expected

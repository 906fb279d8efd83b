import SpeechDSP
import Testing

/// The caches (synthesised prompts, model recordings, prepared references) forget the least recently used entries
/// by count and by cost.
@Suite struct RecentlyUsedTests {
    @Test func forgetsTheLeastRecentlyUsedByCountAndByCost() {
        var cache = RecentlyUsed<String, Int>(capacity: 3, costLimit: 10)
        cache.insert(1, for: "a", cost: 4)
        cache.insert(2, for: "b", cost: 4)
        #expect(cache.value(for: "a") == 1)            // a is now the most recent
        cache.insert(3, for: "c", cost: 4)             // 12 > 10: b, the least recent, goes
        #expect(cache.value(for: "b") == nil && cache.value(for: "a") == 1 && cache.value(for: "c") == 3)
        #expect(cache.totalCost == 8)
        cache.insert(9, for: "big", cost: 11)          // larger than the limit alone: not kept, nothing lost
        #expect(cache.value(for: "big") == nil && cache.totalCost == 8)
        cache.insert(4, for: "d", cost: 1)
        cache.insert(5, for: "e", cost: 1)             // four entries > 3: the least recent (a) goes
        #expect(cache.value(for: "a") == nil && cache.value(for: "c") == 3 && cache.totalCost == 6)
        cache.insert(6, for: "c", cost: 2)             // replacing adjusts the cost
        #expect(cache.totalCost == 4 && cache.value(for: "c") == 6)
    }
}

/// A small map that forgets its least recently used entries when it holds more than `capacity` entries or more
/// than `costLimit` in total cost: the caches of synthesised prompts, decoded model recordings and prepared
/// references. Not thread-safe: one per thread, or behind a lock.
package struct RecentlyUsed<Key: Hashable, Value> {
    private let capacity: Int
    private let costLimit: Int
    private var entries: [Key: (value: Value, cost: Int)] = [:]
    private var order: [Key] = []
    package private(set) var totalCost = 0

    package init(capacity: Int, costLimit: Int = .max) {
        self.capacity = max(capacity, 0)
        self.costLimit = max(costLimit, 0)
    }

    package mutating func value(for key: Key) -> Value? {
        guard let hit = entries[key] else { return nil }
        if order.last != key {
            order.removeAll { $0 == key }
            order.append(key)
        }
        return hit.value
    }

    /// Keeps `value` unless it alone costs more than the limit.
    package mutating func insert(_ value: Value, for key: Key, cost: Int = 0) {
        guard capacity > 0, cost <= costLimit else { return }
        if let old = entries.updateValue((value, cost), forKey: key) {
            totalCost -= old.cost
            order.removeAll { $0 == key }
        }
        order.append(key)
        totalCost += cost
        // The new entry is last and fits alone, so eviction stops before it.
        while order.count > capacity || totalCost > costLimit, let oldest = order.first, oldest != key {
            order.removeFirst()
            totalCost -= entries.removeValue(forKey: oldest)?.cost ?? 0
        }
    }
}

/// A small map that forgets its least recently used entry when full. Not thread-safe: keep it behind a lock.
struct RecentlyUsed<Key: Hashable, Value> {
    private let capacity: Int
    private var entries: [Key: Value] = [:]
    private var order: [Key] = []

    init(capacity: Int) {
        self.capacity = max(capacity, 0)
    }

    mutating func value(for key: Key) -> Value? {
        guard let hit = entries[key] else { return nil }
        if order.last != key {
            order.removeAll { $0 == key }
            order.append(key)
        }
        return hit
    }

    mutating func insert(_ value: Value, for key: Key) {
        guard capacity > 0 else { return }
        if entries.updateValue(value, forKey: key) != nil { return }
        if order.count >= capacity { entries[order.removeFirst()] = nil }
        order.append(key)
    }
}

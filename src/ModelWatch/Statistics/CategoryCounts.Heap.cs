namespace ModelWatch.Statistics;

/// <summary>Space-Saving's slots: a min-heap by count, so the least counted key is the one replaced.</summary>
public sealed partial class CategoryCounts
{
    private void Insert(string key)
    {
        if (_size < _capacity)
        {
            // Not full: a new value can only have been seen before if a merge dropped it.
            Place(key, _untrackedBound + 1, _untrackedBound);
            return;
        }

        // Full: take the slot of the smallest count (Space-Saving).
        int slot = _heap[0];
        long floor = _counts[slot];
        _slotOf.Remove(_keys[slot]);
        _keys[slot] = key;
        _slotOf.Add(key, slot);
        _overcounts[slot] = floor;
        _counts[slot] = floor + 1;
        _untrackedBound = Math.Max(_untrackedBound, floor);
        SiftDown(0);
    }

    private void Increment(int slot)
    {
        _counts[slot]++;
        SiftDown(_heapPosition[slot]);
    }

    private void Place(string key, long count, long overcount)
    {
        int slot = _size++;
        if (slot == _keys.Length)
        {
            GrowSlots();
        }

        _keys[slot] = key;
        _counts[slot] = count;
        _overcounts[slot] = overcount;
        _slotOf.Add(key, slot);
        _heap[slot] = slot;
        _heapPosition[slot] = slot;
        SiftUp(slot);
    }

    private void GrowSlots()
    {
        int length = (int)Math.Min(2L * _keys.Length, _capacity);
        Array.Resize(ref _keys, length);
        Array.Resize(ref _counts, length);
        Array.Resize(ref _overcounts, length);
        Array.Resize(ref _heap, length);
        Array.Resize(ref _heapPosition, length);
    }

    private void ClearSlots()
    {
        _slotOf.Clear();
        Array.Clear(_keys, 0, _size);
        _size = 0;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (_counts[_heap[parent]] <= _counts[_heap[i]])
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1;
            if (left >= _size)
            {
                return;
            }

            int smallest = left + 1 < _size && _counts[_heap[left + 1]] < _counts[_heap[left]] ? left + 1 : left;
            if (_counts[_heap[i]] <= _counts[_heap[smallest]])
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int i, int j)
    {
        (_heap[i], _heap[j]) = (_heap[j], _heap[i]);
        _heapPosition[_heap[i]] = i;
        _heapPosition[_heap[j]] = j;
    }
}

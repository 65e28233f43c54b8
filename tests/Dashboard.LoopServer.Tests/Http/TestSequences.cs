using System.Buffers;

namespace Dashboard.LoopServer.Tests.Http;

/// <summary>Builds multi-segment buffers, as a PipeReader hands them out when data crosses blocks.</summary>
internal static class TestSequences
{
    /// <summary>Splits <paramref name="bytes"/> into segments at the given ascending offsets (empty segments allowed).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var bounds = new List<int>(cuts.Length + 2) { 0 };
        bounds.AddRange(cuts);
        bounds.Add(bytes.Length);

        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            // A fresh array per segment, so nothing can read across a segment end by accident.
            var memory = bytes.AsSpan(bounds[i], bounds[i + 1] - bounds[i]).ToArray();
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

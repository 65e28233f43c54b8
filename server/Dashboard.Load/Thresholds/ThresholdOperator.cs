namespace Dashboard.Load.Thresholds;

/// <summary>The comparison of a threshold: the actual value must satisfy it to pass.</summary>
public enum ThresholdOperator
{
    /// <summary>&lt;</summary>
    Less,

    /// <summary>&lt;=</summary>
    LessOrEqual,

    /// <summary>&gt;</summary>
    Greater,

    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

//! Every string the user reads, in English and 简体中文.
//!
//! The one translation table: the page and the CLI both read it.
//! Components never hold literal text: they ask `t(locale, Key::X)`;
//! the core's sections name segments, classes and services by key and
//! take their text from here.
//! Adding a string means adding a key and both translations here.

use crate::format::Locale;
use crate::ingest::decision::{Decision, Detail};
use crate::ingest::error::FileKind;
use crate::ingest::values::ValueError;
use crate::ingest::{IngestError, Rejection, Role};
use crate::protocol::Failure;
use crate::rfm::{Class, Segment};
use crate::settings::{Field, SettingsError};
use crate::tiers::Tier;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Tagline,
    ChartTools,
    ChartSaveSvg,
    ChartSaveSvgLabel,
    ChartSavePng,
    ChartSavePngLabel,
    SwitchLanguage,
    DropTitle,
    DropHint,
    ChooseFile,
    TrySample,
    PrivacyNote,
    // Issue 23: the landing for a newcomer, phones and in-app browsers.
    AcceptedFiles,
    TemplateLead,
    TemplateCsv,
    TemplateXlsx,
    TemplateSheet,
    PreviewTitle,
    FindingCarryTitle,
    FindingCarry,
    FindingSlippingTitle,
    FindingSlipping,
    FindingWorthTitle,
    FindingWorth,
    NoStorage,
    NoOffline,
    NoStorageNoOffline,
    // End of issue 23's keys.
    Reading,
    Parsing,
    RowsSoFar,
    Analysing,
    CannotUse,
    ImportReport,
    RowsRead,
    RowsRejected,
    RowsBlank,
    RowsAfterAsOf,
    Columns,
    DownloadRejected,
    RejectedExamples,
    Line,
    Column,
    Reason,
    Overview,
    Customers,
    NetRevenue,
    Top20Share,
    Gini,
    GiniHint,
    TransactionRows,
    SummaryShape,
    AsOf,
    Returns,
    Customers80,
    DependencyWarning,
    TiersTitle,
    TiersHint,
    TiersHintTop,
    TiersHintRevenue,
    Tier,
    CustomerShare,
    Revenue,
    RevenueShare,
    AverageRevenue,
    Concentration,
    Top1,
    Top5,
    Top10,
    Hhi,
    Rank,
    Customer,
    Share,
    Purchases,
    LastPurchase,
    LoadedFile,
    CannotRead,
    AnalysisStopped,
    NoColumn,
    GuessedFromValues,
    DayFirst,
    MonthFirst,
    DecimalPointChoice,
    KeepAllStatus,
    DecimalCommaChoice,
    DecimalLabel,
    HeaderRowLabel,
    UnitLabel,
    UnitAuto,
    StatusValuesTitle,
    StatusValuesHint,
    DecisionsTitle,
    DecisionsHint,
    RowsExcluded,
    TotalRowsLabel,
    RowsUnit,
    EncodingLabel,
    Detect,
    Sheet,
    MappingHint,
    ApplyMapping,
    Format,
    Slice,
    FilterBy,
    AllCustomers,
    NoValue,
    OtherValues,
    SplitBy,
    NoSplit,
    FilteredNote,
    ParetoTitle,
    ParetoHint,
    ReadoutPick,
    ReadoutA,
    ReadoutB,
    ReadoutC,
    AxisCustomerShare,
    AxisRevenueShare,
    AxisProfitCustomers,
    AxisProfitShare,
    ProfitTitle,
    ProfitHint,
    ProfitAssumed,
    ProfitFrom,
    TotalProfit,
    PeakShare,
    LossMakers,
    TheyLose,
    WhatIf,
    WhatIfBottom,
    WhatIfCut,
    Apply,
    Bottom,
    IfDropped,
    IfCheaper,
    Change,
    Profit,
    ProfitShare,
    AvgFrequency,
    Service,
    LossRow,
    TierRuleLabel,
    TierCumulative,
    TierTop,
    TierRevenue,
    TierLimitA,
    TierLimitB,
    TierMinA,
    TierMinB,
    EditHint,
    TypesTitle,
    TypesHint,
    Days,
    TypeSuper,
    TypeHighPerformance,
    TypeHighPotential,
    TypeRiskyBig,
    RuleSuper,
    RuleHighPerformance,
    RuleHighPotential,
    RuleRiskyBig,
    NoTrend,
    SummaryGapsTitle,
    SummaryGapsHint,
    GapNeedsColumns,
    GapNeedsLog,
    GapMadeFor,
    LoyaltyTitle,
    LoyaltyHint,
    AxisTenure,
    AxisFrequency,
    LoyaltySplit,
    ProfitSplit,
    Median,
    TrueFriends,
    Butterflies,
    Barnacles,
    Strangers,
    SplitTitle,
    SplitHint,
    Value,
    TierMix,
    RevenueByValue,
    ParetoByValue,
    ExportCsv,
    RfmTitle,
    RfmHint,
    RfmMonetary,
    AverageOrder,
    ColourBy,
    AverageMonetary,
    Segment,
    Action,
    RfmClasses,
    RfmClassesHint,
    RfmGridHint,
    LifecycleTitle,
    LifecycleRule,
    NoReactivation,
    StageNew,
    StageReactivated,
    StageActive,
    StageDormant,
    StageLost,
    WakeUp,
    RevenueAtRisk,
    NewDays,
    ActiveDays,
    GapDays,
    DormantDays,
    LifecycleError,
    RetentionTitle,
    RetentionHint,
    NoRetention,
    CohortBy,
    Month,
    Quarter,
    Months,
    Quarters,
    RepeatRate,
    ChurnRate,
    ExpectedLifetime,
    Cohort,
    ClvTitle,
    ClvHint,
    ClvProfit,
    ClvRevenue,
    ClvNoLog,
    ClvTooFew,
    ClvNoRepeat,
    ClvNotConverged,
    CalibrationEnd,
    ModelPeriod,
    UnitDay,
    UnitWeek,
    UnitMonth,
    HorizonMonths,
    DiscountMonthly,
    RetentionPoints,
    ClvTotal,
    HistoricalValue,
    ExpectedPurchases,
    ClvTop20,
    ModelsTitle,
    Model,
    Parameters,
    LogLikelihood,
    ClvByTier,
    ClvBySegment,
    ClvByValue,
    Mean,
    P90,
    PAlive,
    HoldoutTitle,
    HoldoutHint,
    NoHoldout,
    Predicted,
    Actual,
    HoldoutError,
    Mae,
    BucketAxis,
    MeanHoldout,
    TrackingTitle,
    AliveTitle,
    AliveHint,
    DistributionsTitle,
    DistributionsIntro,
    DistributionRevenue,
    DistributionProfit,
    DistributionClv,
    DistributionNoClv,
    DistributionReadout,
    DistributionSummary,
    DistributionSplitTitle,
    DistributionMeasure,
    MeanMarker,
    TierAStarts,
    TierBStarts,
    WhatIfRetention,
    WhatIfRetentionText,
    RetentionAfter,
    NoConvergence,
    RecencyBreaks,
    FrequencyBreaks,
    MonetaryBreaks,
    BreaksHint,
    NavLabel,
    NavPareto,
    NavTiers,
    NavTypes,
    NavRfm,
    NavLifecycle,
    NavValue,
    NavCustomers,
    NavSettings,
    OfRevenue,
    DormantCustomers,
    Margin,
    ATierCustomers,
    AtRiskShort,
    NoDependency,
    Dependency,
    AsOfHint,
    SettingsHint,
    MoneyLegend,
    AssumedMargin,
    DependencyThreshold,
    LifecycleThresholds,
    RfmBreaksLabel,
    ApplyAll,
    ResetDefaults,
    NoCurrency,
    Currency,
    Loading,
    NoMatches,
    CustomersUnit,
    ExportView,
    RfmScore,
    Stage,
    ClvShort,
    Search,
    SearchHint,
    Any,
    Dimension,
    PrintReport,
    AsOfLegend,
    Close,
    Date,
    TimelineTitle,
    RfmScores,
    RecommendedAction,
    TimelineByMonth,
    ModelAuto,
    ModelChoiceHoldout,
    ModelChoiceAic,
    ModelChoiceAsked,
    ModelChoiceUnusable,
    HoldoutMae,
    StandardErrorsHint,
    IntervalText,
    IntervalHint,
    Interval90,
    ChurnRiskTitle,
    ChurnLow,
    ChurnMedium,
    ChurnHigh,
    ChurnLowShort,
    ChurnMediumShort,
    ChurnHighShort,
    ChurnRiskShort,
    PPurchase90d,
    NextPurchase,
    NextPurchaseNone,
    NextPurchaseHint,
    RegularityRegular,
    RegularityIrregular,
    CallListTitle,
    CallListHint,
    CallReasons,
    ReasonHighChurn,
    ReasonFading,
    ValueAtStake,
    ExportCallList,
    CallListEmpty,
    CallListCount,
    AccountManager,
    ExportXlsx,
    ExportXlsxWorking,
    ExportXlsxFailed,
    ExportXlsxLabel,
    NavCompare,
    CompareTitle,
    CompareHint,
    ComparePeriods,
    Period1,
    Period2,
    BridgeTitle,
    BridgeStart,
    BridgeNew,
    BridgeLost,
    BridgeExpansion,
    BridgeContraction,
    BridgeEnd,
    Nrr,
    Grr,
    RetentionUndefined,
    NrrHint,
    MigrationTitle,
    MigrationHint,
    FromTo,
    SlotNone,
    SlotNew,
    SlotLost,
    OutsideBoth,
    CellCustomers,
    CellShowing,
    RetentionByTier,
    RetentionByValue,
    MoversTitle,
    MoversHint,
    Gainers,
    Decliners,
    Movement,
    NoMovers,
    TrendTitle,
    TrendHintQuarter,
    TrendHintMonth,
    TrendPeriod,
    TrendRising,
    TrendNone,
    NoteNoLog,
    NotePeriod1BeforeFile,
    NotePeriod1Empty,
    NotePeriod2Empty,
    NotePeriod2AfterAsOf,
    CompareDefault,
    PeriodStart,
    PeriodEnd,
    CompareNeedDates,
    AnyMovement,
    BridgeChartTitle,
    TrendChartTitle,
    Top20ShareShort,
    NavShare,
    ShareTitle,
    ShareHint,
    ShareOfPotential,
    PotentialTotal,
    PeriodRevenue,
    HeadroomTotal,
    SharePeriod,
    ShareWholeFile,
    Potential,
    ShareColumn,
    QuadGrow,
    QuadDefend,
    QuadMaintain,
    QuadDeprioritise,
    ShareQuestions,
    ShareQuestionsHint,
    WithoutPotential,
    PotentialLine,
    ShareLine,
    ShareMonths,
    NoMaster,
    NoPotential,
    AddMaster,
    MasterTitle,
    MasterJoinedBy,
    MasterMatched,
    MasterLogOnly,
    MasterProspects,
    MasterProspectsHint,
    MasterDuplicates,
    MasterWins,
    MasterAdded,
    MasterProblems,
    Lines,
    ProblemEmptyId,
    ProblemBadPotential,
    GrowShort,
    DefendShort,
    MaintainShort,
    DeprioritiseShort,
    // The report's first page and accessibility names (issue 27).
    FindingsTitle,
    FindingsHint,
    ReportFile,
    PrintCutNote,
    LoyaltyAxisLabel,
    WhatIfMeasure,
    LoyaltyQuadrant,
    RfmCorner,
    AliveCorner,
    ShareQuadrant,
    MasterProspectName,
    MasterProblemValue,
}

pub fn t(locale: Locale, key: Key) -> &'static str {
    let (en, zh) = pair(key);
    match locale {
        Locale::En => en,
        Locale::Zh => zh,
    }
}

fn pair(key: Key) -> (&'static str, &'static str) {
    use Key::*;
    match key {
        ChartTools => ("Chart tools", "图表工具"),
        NavCompare => ("Over time", "客户变化"),
        CompareTitle => ("Key accounts over time", "关键客户的变化"),
        CompareHint => ("A customer is in a period when it bought in it (an amount of 0 or more); its period revenue is the net sum of its rows there, and its tier comes from the tier rule applied to that period's customers. Default periods: the 12 months up to the as-of date against the 12 months before.", "客户在某期间内有购买（金额不小于 0）即计入该期间；期间收入为其在该期间内各行金额之和（退货已扣除）；期间层级按层级规则对该期间的客户重新划分。默认期间：截至分析日期的 12 个月与之前的 12 个月。"),
        ComparePeriods => ("Compared periods", "比较期间"),
        Period1 => ("Period 1", "期间 1"),
        Period2 => ("Period 2", "期间 2"),
        BridgeTitle => ("Revenue bridge", "收入变动桥"),
        BridgeStart => ("Period 1", "期间 1"),
        BridgeNew => ("New customers", "新客户"),
        BridgeLost => ("Lost customers", "流失客户"),
        BridgeExpansion => ("Expansion", "增长"),
        BridgeContraction => ("Contraction", "下降"),
        BridgeEnd => ("Period 2", "期间 2"),
        Nrr => ("Net revenue retention", "净收入留存率"),
        Grr => ("Gross revenue retention", "总收入留存率"),
        RetentionUndefined => ("undefined: no revenue in period 1", "无法计算：期间 1 没有收入"),
        NrrHint => ("NRR = (start − lost + expansion − contraction) / start; GRR = (start − lost − contraction) / start.", "净收入留存率 =（期初 − 流失 + 增长 − 下降）/ 期初；总收入留存率 =（期初 − 流失 − 下降）/ 期初。"),
        MigrationTitle => ("Tier migration", "层级迁移"),
        MigrationHint => ("Rows: tier in period 1; columns: tier in period 2. Each cell: customers, and their period-2 revenue (for lost customers, their period-1 revenue). Choose a cell to list its customers.", "行为期间 1 的层级，列为期间 2 的层级。每格显示客户数及其期间 2 收入（流失客户显示其期间 1 收入）。点击单元格可查看其中的客户。"),
        FromTo => ("Period 1 ↓ · period 2 →", "期间 1 ↓ · 期间 2 →"),
        SlotNone => ("not buying", "未购买"),
        SlotNew => ("new", "新客"),
        SlotLost => ("lost", "流失"),
        OutsideBoth => ("{n} customers of the file bought in neither period.", "文件中有 {n} 位客户在两个期间内均未购买。"),
        CellCustomers => ("Customers moving {m}", "层级变动为 {m} 的客户"),
        CellShowing => ("The first {shown} of {n}, largest revenue first; the customer table (filter “Movement”) lists them all.", "按收入从高到低显示 {n} 位中的前 {shown} 位；客户明细表（筛选“层级变动”）可查看全部。"),
        RetentionByTier => ("Retention by period-1 tier", "按期间 1 层级的留存"),
        RetentionByValue => ("Retention by dimension value", "按维度值的留存"),
        MoversTitle => ("Movers among key accounts", "关键客户的升降"),
        MoversHint => ("Customers in tier A in either period whose period revenue rose or fell the most.", "在任一期间为 A 类的客户中，期间收入增长或下降最多的客户。"),
        Gainers => ("Largest gainers", "增长最多"),
        Decliners => ("Largest decliners", "下降最多"),
        Movement => ("Movement", "层级变动"),
        NoMovers => ("No key account changed its revenue.", "关键客户的收入没有变化。"),
        TrendTitle => ("Concentration over time", "集中度趋势"),
        TrendHintQuarter => ("Per calendar quarter: the customers who bought in it, their net revenue, and how concentrated it is. * marks a period the file covers only in part.", "按自然季度：当季有购买的客户、其净收入及集中程度。* 表示文件只覆盖了该期间的一部分。"),
        TrendHintMonth => ("Per calendar month (the file spans less than a year): the customers who bought in it, their net revenue, and how concentrated it is. * marks a period the file covers only in part.", "按自然月（文件跨度不足一年）：当月有购买的客户、其净收入及集中程度。* 表示文件只覆盖了该期间的一部分。"),
        TrendPeriod => ("Period", "期间"),
        TrendRising => ("Dependency rising: the largest customer's share grew from {from} to {to} over the last four quarters.", "依赖度上升：最近四个完整季度中，最大客户的收入占比从 {from} 升至 {to}。"),
        TrendNone => ("The file has no dated purchases to follow over time.", "文件中没有可按时间跟踪的逐笔购买记录。"),
        NoteNoLog => ("A customer summary has no dated purchases, so the periods cannot be compared.", "客户汇总表没有逐笔购买日期，无法比较两个期间。"),
        NotePeriod1BeforeFile => ("Period 1 starts on {start}, before the file's first purchase: the file does not cover all of it, so lost and new customers and the retention rates may be misleading.", "期间 1 从 {start} 开始，早于文件中的第一笔购买：文件没有完整覆盖该期间，流失客户、新客户和留存率可能失真。"),
        NotePeriod1Empty => ("No customer bought in period 1: net and gross revenue retention are undefined.", "期间 1 内没有客户购买：净收入留存率和总收入留存率无法计算。"),
        NotePeriod2Empty => ("No customer bought in period 2.", "期间 2 内没有客户购买。"),
        NotePeriod2AfterAsOf => ("Period 2 ends on {end}, after the as-of date {as_of}: purchases after the as-of date are not counted.", "期间 2 截至 {end}，晚于分析日期 {as_of}：分析日期之后的购买不计入。"),
        CompareDefault => ("Default periods (the 12 months up to the as-of date against the 12 before)", "默认期间（截至分析日期的 12 个月与之前的 12 个月）"),
        PeriodStart => ("Start", "开始"),
        PeriodEnd => ("End", "结束"),
        CompareNeedDates => ("Enter all four dates, or choose the default periods.", "请填写全部四个日期，或选择默认期间。"),
        AnyMovement => ("Any movement", "全部变动"),
        BridgeChartTitle => ("Revenue bridge from period 1 to period 2", "从期间 1 到期间 2 的收入变动"),
        TrendChartTitle => ("Share of the largest customer and of the top 5, per period", "各期间最大客户与前 5 位客户的收入占比"),
        Top20ShareShort => ("Top 20%", "前 20%"),
        ChartSaveSvg => ("Save SVG", "保存 SVG"),
        ChartSaveSvgLabel => ("Save SVG: download this chart as a vector image", "保存 SVG：将此图表下载为矢量图"),
        ChartSavePng => ("Save PNG", "保存 PNG"),
        ChartSavePngLabel => ("Save PNG: download this chart as a picture", "保存 PNG：将此图表下载为图片"),
        ClvTitle => ("Customer lifetime value", "客户终身价值（CLV）"),
        ClvHint => ("Three models of repeat buying are fitted (BG/NBD, MBG/NBD, Pareto/NBD); the best predicts each customer's purchases and whether they are still buying. Gamma-Gamma predicts the value of a purchase. CLV is that value over the horizon, discounted monthly; a month is 30.44 days (365.25 / 12). The models are fitted on purchases up to the calibration end.", "拟合三种重复购买模型（BG/NBD、MBG/NBD、Pareto/NBD），用最优者预测每位客户未来的购买次数及其仍然活跃的概率；Gamma-Gamma 模型预测每次购买的金额。CLV 为预测期内按月折现的价值，一个月按 30.44 天（365.25 / 12）计。模型用校准期截止日之前的购买记录拟合。"),
        ClvProfit => ("CLV is profit: each customer's expected profit per purchase lies between its own and the whole file's, nearer its own the more purchases it has, so one odd purchase cannot multiply into millions.", "CLV 按利润计算：每位客户每次购买的预期利润介于其自身历史与全体客户之间，购买次数越多越接近其自身，因此一次异常购买不会被放大成巨额数字。"),
        ClvRevenue => ("The file has no costs, so CLV is revenue.", "文件中没有成本数据，CLV 按收入计算。"),
        ClvNoLog => ("This customer summary lacks the columns the models are fitted to (orders, repeat_revenue, and for a holdout the calibration columns). Historical value is shown instead.", "这份客户汇总表缺少拟合模型所需的列（orders、repeat_revenue，验证期还需校准期各列），以下显示历史价值。"),
        ClvTooFew => ("Too few customers in the calibration period (at least 20 are needed). Historical value is shown instead.", "校准期内客户太少（至少需要 20 位），以下显示历史价值。"),
        ClvNoRepeat => ("Too few customers bought more than once in the calibration period (at least 5 are needed). Historical value is shown instead.", "校准期内重复购买的客户太少（至少需要 5 位），以下显示历史价值。"),
        ClvNotConverged => ("The BG/NBD fit did not converge, so its predictions are not used. Historical value is shown instead.", "BG/NBD 模型拟合未收敛，预测不可用，以下显示历史价值。"),
        CalibrationEnd => ("Calibration ends", "校准期截止"),
        ModelPeriod => ("Model time unit", "模型时间单位"),
        UnitDay => ("Day", "日"),
        UnitWeek => ("Week", "周"),
        UnitMonth => ("Month", "月"),
        HorizonMonths => ("Horizon, months", "预测期（月）"),
        DiscountMonthly => ("Discount per month, %", "月折现率（%）"),
        RetentionPoints => ("Retention what-if, points", "留存提升（百分点）"),
        ClvTotal => ("Predicted CLV", "预测 CLV 合计"),
        HistoricalValue => ("Value to date", "历史价值"),
        ExpectedPurchases => ("Expected purchases", "预期购买次数"),
        ClvTop20 => ("Top 20% share of CLV", "前 20% 客户的 CLV 占比"),
        ModelsTitle => ("Fitted models", "模型拟合结果"),
        Model => ("Model", "模型"),
        Parameters => ("Parameters", "参数"),
        LogLikelihood => ("Log-likelihood", "对数似然"),
        ClvByTier => ("CLV by tier", "各层级 CLV"),
        ClvBySegment => ("CLV by RFM segment", "各 RFM 细分的 CLV"),
        ClvByValue => ("CLV by dimension value", "按维度值的 CLV"),
        Mean => ("Mean", "平均"),
        P90 => ("90th percentile", "90 分位"),
        PAlive => ("P(alive)", "仍活跃概率"),
        HoldoutTitle => ("Holdout check", "留出期检验"),
        HoldoutHint => ("The model fitted up to the calibration end predicts the repeat purchases after it; here against what the customers did.", "用校准期拟合的模型预测之后的重复购买次数，并与客户实际行为对比。"),
        NoHoldout => ("Set the calibration end before the as-of date to check the model on the purchases after it.", "将校准期截止日设在分析日期之前，即可用之后的购买记录检验模型。"),
        Predicted => ("Model", "模型预测"),
        Actual => ("Actual", "实际"),
        HoldoutError => ("Total error", "总误差"),
        Mae => ("Mean absolute error per customer", "每位客户平均绝对误差"),
        BucketAxis => ("Repeat purchases in calibration", "校准期内重复购买次数"),
        MeanHoldout => ("Mean repeat purchases in holdout", "留出期平均重复购买次数"),
        TrackingTitle => ("Cumulative repeat purchases, weekly (dashed: calibration end)", "累计重复购买（按周；虚线为校准期截止）"),
        AliveTitle => ("Probability still active, by frequency and recency", "按频次与最近购买时间的仍活跃概率"),
        AliveHint => ("Rows: repeat purchases; columns: weeks from first to last purchase, for a customer first seen {t} periods ago.", "行：重复购买次数；列：首次到最后一次购买的间隔（模型周期），客户首购距今 {t} 个周期。"),
        DistributionsTitle => ("Value distributions", "价值分布"),
        DistributionsIntro => (
            "How revenue, profit and lifetime value spread over the customers. Bins are log-spaced, losses to the left of zero; each bar is split by tier.",
            "收入、利润和终身价值在客户间如何分布。分箱按对数等距划分，亏损在零的左侧；每根柱按 ABC 分级拆分。",
        ),
        DistributionRevenue => ("Revenue per customer", "每位客户的收入"),
        DistributionProfit => ("Profit per customer", "每位客户的利润"),
        DistributionClv => ("Lifetime value per customer", "每位客户的终身价值"),
        DistributionNoClv => (
            "No lifetime value for this file: the models did not run (see Lifetime value).",
            "此文件没有终身价值：模型未运行（见“终身价值”）。",
        ),
        DistributionReadout => (
            "{low} to {high} · {customers} customers ({share}) · revenue {revenue}",
            "{low} 至 {high} · {customers} 位客户（{share}）· 收入 {revenue}",
        ),
        DistributionSummary => (
            "Median {median} · mean {mean} · {customers} customers",
            "中位数 {median} · 平均值 {mean} · {customers} 位客户",
        ),
        DistributionSplitTitle => ("Distribution per value of the split", "按拆分维度的各值分布"),
        DistributionMeasure => ("Measure", "指标"),
        MeanMarker => ("mean", "平均值"),
        TierAStarts => ("A starts", "A 级起点"),
        TierBStarts => ("B starts", "B 级起点"),
        WhatIfRetention => ("Retention what-if", "留存提升模拟"),
        WhatIfRetentionText => ("The model keeps {now} of new customers for a year. At {after} ({points} points more), total CLV changes by {change}. The classic claim is 25–85% more profit for 5 points; this is what your customers say over the horizon.", "模型估计新客户一年留存率为 {now}。若提升 {points} 个百分点至 {after}，CLV 合计变化 {change}。经典说法是留存提升 5 个百分点利润增加 25–85%；这是您的客户数据在预测期内给出的结果。"),
        RetentionAfter => ("One-year retention", "一年留存率"),
        NoConvergence => ("(did not converge)", "（未收敛）"),
        RecencyBreaks => ("Recency breakpoints, days", "最近购买分界（天）"),
        FrequencyBreaks => ("Frequency breakpoints", "频次分界"),
        MonetaryBreaks => ("Monetary breakpoints", "金额分界"),
        BreaksHint => ("Four ascending values per measure, e.g. 30,90,180,365; empty uses the quintiles (shown greyed).", "每项四个递增数值，例如 30,90,180,365；留空则按五分位（灰色为当前值）。"),
        RfmTitle => ("RFM segments", "RFM 客户细分"),
        RfmHint => ("Recency (days since the last purchase), frequency (purchase days) and monetary value, each scored 1–5 by quintiles of the customers; equal values get equal scores.", "最近购买（距今天数）、购买频次（购买天数）与消费金额，按客户五分位各打 1–5 分；数值相同则得分相同。"),
        RfmMonetary => ("Monetary value", "消费金额口径"),
        AverageOrder => ("Average order value", "平均订单金额"),
        ColourBy => ("Shade by", "着色依据"),
        AverageMonetary => ("Average monetary value", "平均消费金额"),
        Segment => ("Segment", "细分"),
        Action => ("Recommended action", "建议行动"),
        RfmClasses => ("Eight classes (R, F, M against their averages)", "八类客户（R、F、M 与平均值比较）"),
        RfmClassesHint => ("R is high when the last purchase is more recent than average; F and M when above average.", "R 高表示最近一次购买比平均更近；F、M 高表示高于平均值。"),
        RfmGridHint => ("Each cell: customers, and their average monetary value. R 5 = most recent, F 5 = most frequent.", "每格：客户数及平均消费金额。R 5 表示最近购买，F 5 表示购买最频繁。"),
        LifecycleTitle => ("Customer lifecycle", "客户生命周期"),
        LifecycleRule => ("New: first purchase within {new} days. Reactivated: bought within {active} days after a gap of over {gap} days. Active: bought within {active} days. Dormant: within {dormant} days. Lost: longer ago.", "新客户：首次购买在 {new} 天内。回流：{active} 天内有购买且此前间隔超过 {gap} 天。活跃：{active} 天内有购买。休眠：{dormant} 天内有购买。流失：更早。"),
        NoReactivation => ("This customer summary has no previous_purchase column: no customer can be seen as reactivated.", "这份客户汇总表没有 previous_purchase（上次购买日期）列，无法识别回流客户。"),
        SummaryGapsTitle => ("What this summary cannot show", "这份汇总表无法给出的内容"),
        SummaryGapsHint => ("Add the columns named (docs/summary.md has the SQL for DuckDB and Spark), or analyse the transaction log.", "补上所列的列（docs/summary.md 提供 DuckDB 与 Spark 的 SQL），或直接分析交易明细。"),
        GapNeedsColumns => ("needs {columns}", "需要 {columns} 列"),
        GapNeedsLog => ("needs the transaction log", "需要交易明细"),
        GapMadeFor => ("the summary was made for {made}: run its SQL again with {asked}", "汇总表按 {made} 生成：请以 {asked} 重新运行 SQL"),
        StageNew => ("New", "新客户"),
        StageReactivated => ("Reactivated", "回流客户"),
        StageActive => ("Active", "活跃客户"),
        StageDormant => ("Dormant", "休眠客户"),
        StageLost => ("Lost", "流失客户"),
        WakeUp => ("Wake them up: dormant customers, largest first", "唤醒名单：休眠客户（按收入从高到低）"),
        RevenueAtRisk => ("Revenue at risk (the dormant customers' revenue in the last year)", "风险收入（休眠客户过去一年的收入）"),
        NewDays => ("New within, days", "新客户天数"),
        ActiveDays => ("Active within, days", "活跃天数"),
        GapDays => ("Reactivation gap, days", "回流间隔天数"),
        DormantDays => ("Dormant within, days", "休眠天数"),
        LifecycleError => ("Days must be whole numbers, and dormant at least active.", "天数须为整数，且休眠天数不小于活跃天数。"),
        RetentionTitle => ("Retention cohorts", "留存分析（同期群）"),
        RetentionHint => ("Customers grouped by the period of their first purchase; each cell is the share of the cohort buying in that later period. Only complete periods count.", "按首次购买时间分组；每格为该组客户在之后各期仍有购买的比例。只统计完整的周期。"),
        NoRetention => ("This customer summary has no active_periods column, so cohorts cannot be built.", "这份客户汇总表没有 active_periods（活跃月份）列，无法计算留存。"),
        CohortBy => ("Cohorts by", "分组周期"),
        Month => ("Month", "月"),
        Quarter => ("Quarter", "季度"),
        Months => ("months", "个月"),
        Quarters => ("quarters", "个季度"),
        RepeatRate => ("Repeat rate per period", "每期复购率"),
        ChurnRate => ("Churn rate per period", "每期流失率"),
        ExpectedLifetime => ("Average lifetime implied", "推算平均生命周期"),
        Cohort => ("Cohort", "首购期"),
        Slice => ("Slice the customers", "客户切片"),
        FilterBy => ("Only customers where", "仅看客户："),
        AllCustomers => ("All customers", "全部客户"),
        NoValue => ("(no value)", "（空）"),
        OtherValues => ("(other values)", "（其他）"),
        SplitBy => ("Split every view by", "按维度拆分"),
        NoSplit => ("No split", "不拆分"),
        FilteredNote => ("Filtered: every figure below is for these customers only.", "已筛选：以下所有数字仅针对这些客户。"),
        ParetoTitle => ("Pareto: who brings the revenue", "帕累托分析：收入来自哪些客户"),
        ParetoHint => ("Customers ranked by net revenue, largest first. The further the curve bows above the diagonal, the more revenue depends on a few customers.", "客户按净收入从高到低排列。曲线越偏离对角线，收入越依赖少数客户。"),
        ReadoutPick => ("Top customers, %", "前百分之几的客户"),
        ReadoutA => ("The top ", "前 "),
        ReadoutB => (" of customers bring ", " 的客户贡献了 "),
        ReadoutC => (" of revenue.", " 的收入。"),
        AxisCustomerShare => ("Share of customers, largest first", "客户占比（按收入从高到低）"),
        AxisRevenueShare => ("Cumulative share of revenue", "累计收入占比"),
        AxisProfitCustomers => ("Share of customers, most profitable first", "客户占比（按利润从高到低）"),
        AxisProfitShare => ("Cumulative profit, share of total profit", "累计利润占总利润"),
        ProfitTitle => ("Profit whale curve (20/80/30)", "利润鲸鱼曲线（20/80/30）"),
        ProfitHint => ("Customers ranked by profit. The curve rises above 100% while customers earn money and falls back as the loss-makers give part of it away.", "客户按利润从高到低排列。盈利客户使曲线升到 100% 以上，亏损客户又把一部分利润吃掉。"),
        ProfitAssumed => ("Profit is assumed: the file has no cost, profit or margin column, so profit is revenue × an assumed margin of", "利润为估算值：文件中没有成本、利润或毛利率列，按假设毛利率计算："),
        ProfitFrom => ("Profit from the file's column:", "利润来自文件中的列："),
        TotalProfit => ("Total profit", "总利润"),
        PeakShare => ("Whale-curve peak", "鲸鱼曲线峰值"),
        LossMakers => ("Loss-making customers", "亏损客户"),
        TheyLose => ("Their loss", "合计亏损"),
        WhatIf => ("What if", "假设分析"),
        WhatIfBottom => ("Bottom customers by profit, %", "利润最低的客户占比 %"),
        WhatIfCut => ("Cost saved serving them, %", "服务成本降低 %"),
        Apply => ("Apply", "应用"),
        Bottom => ("Bottom", "末位"),
        IfDropped => ("Profit if dropped", "若放弃这些客户"),
        IfCheaper => ("Profit if served cheaper", "若降低服务成本"),
        Change => ("change", "变化"),
        Profit => ("Profit", "利润"),
        ProfitShare => ("Profit share", "利润占比"),
        AvgFrequency => ("Avg purchases", "平均购买次数"),
        Service => ("Service recommendation", "服务建议"),
        LossRow => ("Loss-making (any tier)", "亏损客户（任意层级）"),
        TierRuleLabel => ("Tier by", "分层方式"),
        TierCumulative => ("Cumulative revenue share", "累计收入占比"),
        TierTop => ("Top % of customers", "客户数前百分比"),
        TierRevenue => ("Revenue thresholds", "收入门槛"),
        TierLimitA => ("A up to", "A 类上限"),
        TierLimitB => ("B up to", "B 类上限"),
        TierMinA => ("A from revenue", "A 类收入起点"),
        TierMinB => ("B from revenue", "B 类收入起点"),
        EditHint => ("Click a recommendation to edit it; your text is kept in this browser.", "点击服务建议即可编辑，内容仅保存在本浏览器中。"),
        TypesTitle => ("Customer types", "客户类型"),
        TypesHint => ("Key-account types by documented rules; spend trend compares the last two windows of", "按明确规则识别的关键客户类型；消费趋势比较最近两个时间窗口，每个窗口天数："),
        Days => ("days", "天"),
        TypeSuper => ("Super customers", "超级客户"),
        TypeHighPerformance => ("High-performance", "高绩效客户"),
        TypeHighPotential => ("High-potential", "高潜力客户"),
        TypeRiskyBig => ("Risky big accounts", "风险大客户"),
        RuleSuper => ("Top 10% by revenue and top 10% by purchase frequency.", "收入前 10% 且购买频次前 10%。"),
        RuleHighPerformance => ("A-tier, profitable, bought in both windows, recent spend at least 80% of the previous.", "A 类、盈利、两个窗口都有购买，且近期消费不低于前期的 80%。"),
        RuleHighPotential => ("Not A-tier; recent spend at least 1.5× the previous, or new with recent spend in the top quarter.", "非 A 类；近期消费达到前期的 1.5 倍以上，或为新客户且近期消费位列前 25%。"),
        RuleRiskyBig => ("A-tier whose recent spend fell below 50% of the previous window.", "A 类客户，近期消费低于前期的 50%。"),
        NoTrend => ("This customer summary has no spend trend for this window (columns window_days, revenue_recent, revenue_previous): only super customers can be found.", "这份客户汇总表没有该窗口的消费趋势（window_days、revenue_recent、revenue_previous 列），只能识别超级客户。"),
        LoyaltyTitle => ("Loyalty versus profitability", "忠诚度与盈利能力"),
        LoyaltyHint => ("Loyal is not the same as profitable. Split at the medians unless you set your own lines.", "忠诚不等于盈利。默认按中位数划分，也可自行设定分界线。"),
        AxisTenure => ("Tenure, days from first to last purchase", "合作时长（首次到最近一次购买的天数）"),
        AxisFrequency => ("Purchase days", "购买天数"),
        LoyaltySplit => ("Loyalty line", "忠诚度分界"),
        ProfitSplit => ("Profit line", "利润分界"),
        Median => ("median", "中位数"),
        TrueFriends => ("True friends", "真朋友"),
        Butterflies => ("Butterflies", "蝴蝶"),
        Barnacles => ("Barnacles", "藤壶"),
        Strangers => ("Strangers", "陌生人"),
        SplitTitle => ("By", "按维度："),
        SplitHint => ("Tier mix, Pareto and revenue per value; tiers are those of all customers.", "各取值的层级构成、帕累托指标与收入；层级按全部客户划分。"),
        Value => ("Value", "取值"),
        TierMix => ("Tier mix", "层级构成"),
        RevenueByValue => ("Net revenue", "净收入"),
        ParetoByValue => ("Concentration curve per value", "各取值的集中度曲线"),
        ExportCsv => ("Export customers (CSV)", "导出客户表（CSV）"),
        Tagline => ("Which customers carry your business", "哪些客户撑起了你的生意"),
        SwitchLanguage => ("中文", "English"),
        DropTitle => ("Drop your customer transactions here", "把客户交易明细拖到这里"),
        DropHint => (
            "An Excel workbook or a CSV / TSV export from your CRM or ERP, with a customer, a date and an amount column.",
            "CRM 或 ERP 导出的 Excel 工作簿或 CSV / TSV 文件（UTF-8 或 GBK 编码），需含客户、日期、金额三列。",
        ),
        ChooseFile => ("Choose a file", "选择文件"),
        TrySample => ("Try the sample data", "试用示例数据"),
        PrivacyNote => (
            "Your file is analysed inside this browser tab. Nothing is uploaded.",
            "文件只在本浏览器页面内分析，不会上传到任何服务器。",
        ),
        // Issue 23: the landing for a newcomer, phones and in-app browsers.
        AcceptedFiles => (
            "Accepted: CSV, TSV or TXT exports and Excel workbooks (.xlsx, .xls, .xlsb, .ods), in UTF-8 or GBK.",
            "可用文件：CSV、TSV、TXT 导出文件及 Excel 工作簿（.xlsx、.xls、.xlsb、.ods），UTF-8 或 GBK 编码。",
        ),
        TemplateLead => ("Not sure what to bring? Start from a template:", "不确定文件格式？可从模板开始："),
        TemplateCsv => ("Template (CSV)", "模板（CSV）"),
        TemplateXlsx => ("Template (Excel)", "模板（Excel）"),
        TemplateSheet => ("Transactions", "交易明细"),
        PreviewTitle => ("What the dashboard tells you", "分析结果一览"),
        FindingCarryTitle => ("Who carries the revenue", "谁撑起了收入"),
        FindingCarry => (
            "The few customers that bring most of the revenue, as A, B and C tiers, and how much rests on the largest one.",
            "贡献大部分收入的少数客户，按 A、B、C 分级，以及对最大客户的依赖程度。",
        ),
        FindingSlippingTitle => ("Who is slipping", "谁在流失"),
        FindingSlipping => (
            "Customers buying less or gone quiet: the dormant accounts and the revenue at risk, largest first.",
            "购买减少或已沉寂的客户：休眠客户及面临流失的收入，按金额从大到小。",
        ),
        FindingWorthTitle => ("What each is worth", "每位客户值多少"),
        FindingWorth => (
            "Each customer's expected value over the next year, and whom to call first.",
            "每位客户未来一年的预期价值，以及应优先联系的客户。",
        ),
        NoStorage => (
            "This browser lets the page keep nothing: settings and column choices last until the page is closed.",
            "此浏览器不允许页面保存任何内容：设置和列对应关系在关闭页面后不会保留。",
        ),
        NoOffline => (
            "This browser keeps no offline copy of the page: it needs the network each time it opens.",
            "此浏览器不保存离线副本：每次打开页面都需要联网。",
        ),
        NoStorageNoOffline => (
            "This browser lets the page keep nothing: settings and column choices last until the page is closed, and it needs the network each time it opens.",
            "此浏览器不允许页面保存任何内容：设置和列对应关系在关闭页面后不会保留，每次打开页面也都需要联网。",
        ),
        // End of issue 23's strings.
        Reading => ("Reading", "正在读取"),
        Parsing => ("Parsing", "正在解析"),
        RowsSoFar => ("rows so far", "行"),
        Analysing => ("Analysing", "正在分析"),
        CannotUse => ("This file cannot be used", "无法使用此文件"),
        ImportReport => ("Import report", "导入报告"),
        RowsRead => ("Rows read", "读取行数"),
        RowsRejected => ("Rows rejected", "拒收行数"),
        RowsBlank => ("Blank rows", "空行"),
        RowsAfterAsOf => ("Rows after the as-of date", "晚于分析日期的行"),
        Columns => ("Columns used", "使用的列"),
        DownloadRejected => ("Download rejected rows (CSV)", "下载被拒收的行（CSV）"),
        RejectedExamples => ("First rejected rows", "前若干被拒收的行"),
        Line => ("Line", "行"),
        Column => ("Column", "列"),
        Reason => ("Reason", "原因"),
        Overview => ("Overview", "概览"),
        Customers => ("Customers", "客户数"),
        NetRevenue => ("Net revenue", "净收入"),
        Top20Share => ("Top 20% share", "前 20% 客户贡献"),
        Gini => ("Gini coefficient", "基尼系数"),
        GiniHint => ("0 = every customer equal, 1 = one customer takes all", "0 表示客户完全均等，1 表示收入全部来自一个客户"),
        TransactionRows => ("transaction rows", "条交易记录"),
        SummaryShape => (
            "from a customer summary: one row per customer, no purchase log",
            "来自客户汇总表：每行一位客户，没有逐笔交易记录",
        ),
        AsOf => ("as of", "分析日期"),
        Returns => ("Returns", "退货"),
        Customers80 => ("customers make 80% of revenue", "个客户贡献了 80% 的收入"),
        DependencyWarning => (
            "Dependency risk: one customer brings more than the threshold share of revenue",
            "依赖风险：单一客户的收入占比超过警戒线",
        ),
        TiersTitle => ("ABC tiers", "ABC 客户分级"),
        TiersHint => (
            "A: customers until {a} of cumulative revenue; B: until {b}; C: the rest.",
            "A 类：累计收入达到 {a} 之前的客户；B 类：达到 {b} 之前；C 类：其余客户。",
        ),
        TiersHintTop => (
            "A: the top {a} of customers by revenue; B: the next, up to {b}; C: the rest.",
            "A 类：收入排名前 {a} 的客户；B 类：其后直到前 {b}；C 类：其余客户。",
        ),
        TiersHintRevenue => (
            "A: customers with revenue of at least {a}; B: at least {b}; C: the rest.",
            "A 类：收入不低于 {a} 的客户；B 类：不低于 {b}；C 类：其余客户。",
        ),
        Tier => ("Tier", "等级"),
        CustomerShare => ("Share of customers", "客户占比"),
        Revenue => ("Revenue", "收入"),
        RevenueShare => ("Share of revenue", "收入占比"),
        AverageRevenue => ("Average revenue", "平均收入"),
        Concentration => ("Concentration", "集中度"),
        Top1 => ("Largest customer", "最大客户"),
        Top5 => ("Top 5", "前 5 名"),
        Top10 => ("Top 10", "前 10 名"),
        Hhi => ("Herfindahl index", "赫芬达尔指数"),
        Rank => ("#", "排名"),
        Customer => ("Customer", "客户"),
        Share => ("Share", "占比"),
        Purchases => ("Purchase days", "购买天数"),
        LastPurchase => ("Last purchase", "最近购买"),
        LoadedFile => ("File", "文件"),
        NoColumn => ("— none —", "— 无 —"),
        GuessedFromValues => (
            "The headers did not say which column these are, so they were guessed from the values; please check",
            "表头未能说明以下各列，已根据数据内容推断，请核对",
        ),
        DayFirst => ("Day first: 03/04/2024 is 3 April", "日在前：03/04/2024 为 4 月 3 日"),
        KeepAllStatus => ("Count these statuses as revenue", "将这些状态计入收入"),
        DecimalPointChoice => ("Decimal point: 12.500 is twelve and a half", "小数点：12.500 为 12.5"),
        DecimalCommaChoice => ("Decimal comma: 12.500 is twelve thousand five hundred", "小数逗号：12.500 为 12500"),
        DecimalLabel => ("Decimal mark", "小数符号"),
        HeaderRowLabel => ("Header row (line)", "表头所在行"),
        UnitLabel => ("Amounts are in units of", "金额单位（倍数）"),
        UnitAuto => ("as the header says", "按表头所示"),
        StatusValuesTitle => ("Which statuses count as revenue", "哪些状态计入收入"),
        StatusValuesHint => ("Rows whose status is unticked are left out of every figure. Cancelled, failed, refunded and lost rows are unticked by default.", "未勾选状态的行不计入任何数字。已取消、失败、已退款和输单的行默认不勾选。"),
        DecisionsTitle => ("How the file was read", "文件的读取方式"),
        DecisionsHint => ("Each choice below was made on the file's own evidence; change any of them in the column mapping.", "以下每项都是根据文件本身做出的判断；可在下方列映射中修改。"),
        RowsExcluded => ("Rows left out by status", "因状态排除的行"),
        TotalRowsLabel => ("Total and footer rows", "合计及页脚行"),
        RowsUnit => ("rows", "行"),
        MonthFirst => ("Month first: 03/04/2024 is March 4", "月在前：03/04/2024 为 3 月 4 日"),
        EncodingLabel => ("Text encoding", "文本编码"),
        Detect => ("Detect", "自动识别"),
        Sheet => ("Sheet", "工作表"),
        MappingHint => (
            "Check which column holds each role; * marks the required ones. Your choice is remembered for files with the same headers.",
            "请确认每项内容对应的列（* 为必填）。所选映射会记住，下次导入表头相同的文件时自动使用。",
        ),
        ApplyMapping => ("Apply and re-analyse", "应用并重新分析"),
        Format => ("Format", "格式"),
        CannotRead => ("the browser could not read the file", "浏览器无法读取该文件"),
        AnalysisStopped => (
            "the analysis stopped on this file: its structure is probably damaged. Save it again from Excel, or export the sheet as CSV",
            "分析在此文件上中止：文件结构可能已损坏。请在 Excel 中重新保存，或将工作表导出为 CSV",
        ),
        NavLabel => ("Dashboard sections", "仪表盘目录"),
        NavPareto => ("Pareto and profit", "帕累托与利润"),
        NavTiers => ("ABC tiers", "ABC 分级"),
        NavTypes => ("Customer types and loyalty", "客户类型与忠诚度"),
        NavRfm => ("RFM", "RFM 分析"),
        NavLifecycle => ("Lifecycle and retention", "生命周期与留存"),
        NavValue => ("Lifetime value", "终身价值"),
        NavCustomers => ("Customers", "客户明细"),
        NavSettings => ("Settings", "设置"),
        OfRevenue => ("of revenue", "的收入"),
        DormantCustomers => ("dormant customers", "位休眠客户"),
        Margin => ("Margin", "毛利率"),
        ATierCustomers => ("A-tier customers", "A 类客户"),
        AtRiskShort => ("Revenue at risk", "风险收入"),
        NoDependency => ("No single-customer dependency", "无单一客户依赖"),
        Dependency => ("Dependency risk", "依赖风险"),
        AsOfHint => ("Empty: the last date in the file,", "留空则使用文件中的最后日期："),
        SettingsHint => ("Applied to every section at once and kept in this browser for the next file. Your data is never stored.", "一次应用到所有模块，并保存在本浏览器中供下次导入使用。您的数据不会被保存。"),
        MoneyLegend => ("Money", "金额"),
        AssumedMargin => ("Assumed margin when the file has no cost, %", "文件无成本时假定的毛利率（%）"),
        DependencyThreshold => ("Dependency warning above", "依赖预警阈值"),
        LifecycleThresholds => ("Lifecycle thresholds, days", "生命周期阈值（天）"),
        RfmBreaksLabel => ("RFM breakpoints", "RFM 分界点"),
        ApplyAll => ("Apply all", "全部应用"),
        ResetDefaults => ("Reset to defaults", "恢复默认"),
        NoCurrency => ("No symbol", "不显示符号"),
        Currency => ("Currency", "货币"),
        Loading => ("Loading…", "加载中…"),
        NoMatches => ("No customer matches the search and filters.", "没有符合搜索和筛选条件的客户。"),
        CustomersUnit => ("customers", "位客户"),
        ExportView => ("Export this view (CSV)", "导出当前视图（CSV）"),
        RfmScore => ("RFM", "RFM 评分"),
        Stage => ("Stage", "生命周期阶段"),
        ClvShort => ("CLV", "CLV"),
        Search => ("Search", "搜索"),
        SearchHint => ("Customer id or name", "客户编号或名称"),
        Any => ("Any", "全部"),
        Dimension => ("Dimension", "维度"),
        PrintReport => ("Print or save as PDF", "打印或存为 PDF"),
        AsOfLegend => ("Analysis date (as of)", "分析日期（截至）"),
        Close => ("Close", "关闭"),
        Date => ("Date", "日期"),
        TimelineTitle => ("Purchase timeline", "购买时间线"),
        RfmScores => ("RFM scores (1–5)", "RFM 评分（1–5）"),
        RecommendedAction => ("Recommended action", "建议行动"),
        ModelAuto => ("Best (automatic)", "最佳（自动）"),
        ModelChoiceHoldout => ("{model} predicted the holdout period best: off by {mae} purchases per customer on average.", "{model} 对验证期的预测最准：平均每位客户偏差 {mae} 次购买。"),
        ModelChoiceAic => ("{model} fits the calibration period best (lowest AIC). There is no holdout period to test predictions on: set the calibration end before the last date to get one.", "{model} 对校准期的拟合最好（AIC 最低）。目前没有验证期可检验预测：把校准期截止日设在最后日期之前即可得到验证期。"),
        ModelChoiceAsked => ("{model} is used, as chosen.", "按所选使用 {model}。"),
        ModelChoiceUnusable => ("The chosen model did not converge, so {model}, the best of the others, is used.", "所选模型未收敛，因此使用其余模型中最好的 {model}。"),
        HoldoutMae => ("Holdout error (MAE)", "验证期误差（MAE）"),
        StandardErrorsHint => ("In brackets: the standard error of each parameter, from the curvature of the likelihood.", "括号内为各参数的标准误，由似然函数的曲率估计。"),
        IntervalText => ("Total CLV: between {lo} and {hi}, 9 times in 10.", "总 CLV：十次中有九次在 {lo} 至 {hi} 之间。"),
        IntervalHint => ("The range reflects how precisely the model's parameters are known; it leaves out how far real customers stray from what the model expects.", "该区间反映模型参数的估计精度，不包括实际客户行为偏离模型预期的部分。"),
        Interval90 => ("90% interval", "90% 区间"),
        ChurnRiskTitle => ("Churn risk: the chance of no purchase in the next 90 days", "流失风险：未来 90 天内不购买的概率"),
        ChurnLow => ("Low (under 33%)", "低（低于 33%）"),
        ChurnMedium => ("Medium (33–66%)", "中（33%–66%）"),
        ChurnHigh => ("High (over 66%)", "高（高于 66%）"),
        ChurnLowShort => ("Low", "低"),
        ChurnMediumShort => ("Medium", "中"),
        ChurnHighShort => ("High", "高"),
        ChurnRiskShort => ("Churn risk", "流失风险"),
        PPurchase90d => ("Buys in 90 days", "90 天内购买概率"),
        NextPurchase => ("Next purchase by", "预计下次购买"),
        NextPurchaseNone => ("not expected", "暂无预期"),
        NextPurchaseHint => ("Next purchase by: the date by which the customer has more likely than not bought again; none when that stays unlikely for five years.", "预计下次购买：客户在此日期前再次购买的可能性超过一半；若五年内都不太可能再次购买，则不显示。"),
        RegularityRegular => ("Customers buy at regular intervals (regularity k = {k}, from the last two gaps of {n} customers). The models assume random timing, so they are slow to notice a customer who has missed their usual reorder: the chance alive of customers past their usual cycle is probably too high.", "客户的购买间隔很有规律（规律性 k = {k}，基于 {n} 位客户最近两次购买间隔）。模型假设购买时间随机，因此对错过惯常补货周期的客户反应较慢：已超过惯常周期的客户，其活跃概率可能被高估。"),
        RegularityIrregular => ("Buying has no clear rhythm (regularity k = {k} from {n} customers; about 1 means random timing), which is what the models assume.", "购买没有明显的节奏（规律性 k = {k}，基于 {n} 位客户；约等于 1 表示时间随机），与模型的假设一致。"),
        CallListTitle => ("Who to call", "优先联系名单"),
        CallListHint => ("Valuable customers (tier A or top 10% by CLV) at risk: a high churn risk, or a chance alive fallen by 20 points or more since the last purchase. Most at stake first: value to date times the chance the customer is still there but will not buy in the next 90 days.", "处于风险中的重要客户（A 类或 CLV 前 10%）：流失风险高，或自上次购买以来活跃概率下降 20 个百分点以上。按风险价值排序：历史价值 × 客户仍在但未来 90 天不购买的概率。"),
        CallReasons => ("Why", "原因"),
        ReasonHighChurn => ("high churn risk", "流失风险高"),
        ReasonFading => ("fading since the last purchase", "自上次购买后明显减弱"),
        ValueAtStake => ("At stake", "风险价值"),
        ExportCallList => ("Download the list (CSV)", "下载名单（CSV）"),
        CallListEmpty => ("No valuable customer is at risk.", "没有处于风险中的重要客户。"),
        CallListCount => ("customers to call", "位待联系客户"),
        AccountManager => ("Account manager", "客户经理"),
        TimelineByMonth => ("Many purchases: shown by month.", "购买次数较多，按月汇总显示。"),
        ExportXlsx => ("Export customers (Excel)", "导出客户表（Excel）"),
        ExportXlsxLabel => ("every customer with every column, and who to call, as an Excel workbook", "全部客户及所有列、优先联系名单，导出为 Excel 工作簿"),
        ExportXlsxWorking => ("Building the workbook…", "正在生成工作簿…"),
        ExportXlsxFailed => ("The Excel file could not be made", "无法生成 Excel 文件"),
        NavShare => ("Customer share", "客户占有率"),
        ShareTitle => ("Customer share: the part of each customer's budget spent with us", "客户占有率：客户采购预算中花在我们这里的比例"),
        ShareHint => ("Share = revenue over the period ÷ the customer's annual potential from the customer master; headroom = potential − that revenue. Customers are split at the medians unless you set your own lines.", "占有率 = 统计期间的收入 ÷ 客户档案中的年采购潜力；增长空间 = 采购潜力 − 该收入。默认按中位数划分，也可自行设定分界线。"),
        ShareOfPotential => ("Share of known potential", "已知潜力中的占有率"),
        PotentialTotal => ("Known potential", "已知采购潜力"),
        PeriodRevenue => ("Revenue in the period", "期间收入"),
        HeadroomTotal => ("Headroom", "增长空间"),
        SharePeriod => ("Period", "统计期间"),
        ShareWholeFile => ("the whole file (a customer summary has no purchase dates)", "整个文件（客户汇总表没有逐笔购买日期）"),
        Potential => ("Potential", "采购潜力"),
        ShareColumn => ("Share", "占有率"),
        QuadGrow => ("Grow: large potential, small share", "重点拓展：潜力大、占有率低"),
        QuadDefend => ("Defend: large potential, large share", "重点维护：潜力大、占有率高"),
        QuadMaintain => ("Maintain: small potential, large share", "保持：潜力小、占有率高"),
        QuadDeprioritise => ("Deprioritise: small potential, small share", "降低投入：潜力小、占有率低"),
        ShareQuestions => ("Shares above 100%: check the potential", "占有率超过 100%：请核实采购潜力"),
        ShareQuestionsHint => ("These customers bought more in the period than their annual potential, so the estimate is probably out of date. They are left out of every figure above until it is corrected.", "这些客户在统计期间的采购已超过其年采购潜力，潜力估计可能已过时。在更正之前，它们不计入以上任何数字。"),
        WithoutPotential => ("Customers without a potential", "没有采购潜力的客户"),
        PotentialLine => ("Potential line", "潜力分界"),
        ShareLine => ("Share line (%)", "占有率分界（%）"),
        ShareMonths => ("Months of revenue", "收入月数"),
        NoMaster => ("Customer share needs a customer master: a second file with one row per customer, its customer id and its annual potential (采购潜力, 年采购预算, potential). Drop it together with the log, or add it here.", "计算客户占有率需要客户档案：第二个文件，每个客户一行，包含客户编号和年采购潜力（采购潜力、年采购预算、potential）。可与交易明细一起拖入，或在此添加。"),
        NoPotential => ("The customer master has no potential column, so there is no customer share. Name it in the master's header (采购潜力, 年采购预算, potential).", "客户档案中没有采购潜力列，无法计算客户占有率。请在客户档案的表头中标明（采购潜力、年采购预算、potential）。"),
        AddMaster => ("Add a customer master", "添加客户档案"),
        MasterTitle => ("Customer master", "客户档案"),
        MasterJoinedBy => ("Joined by", "对应列"),
        MasterMatched => ("Log customers matched", "已匹配的客户"),
        MasterLogOnly => ("Log customers not in the master", "客户档案中没有的客户"),
        MasterProspects => ("Prospects (in the master, never bought)", "潜在客户（档案中有，从未购买）"),
        MasterProspectsHint => ("Prospects are counted apart: they have no revenue, so no tier.", "潜在客户单独统计：它们没有收入，因此不分级。"),
        MasterDuplicates => ("Ids on more than one row (rejected)", "重复的客户编号（已拒绝）"),
        MasterWins => ("The master's values were taken for", "以下维度采用客户档案中的值"),
        MasterAdded => ("Dimensions from the master", "来自客户档案的维度"),
        MasterProblems => ("Master rows with a problem", "客户档案中有问题的行"),
        Lines => ("Lines", "行号"),
        ProblemEmptyId => ("no customer id: the row is not used", "没有客户编号：该行未使用"),
        ProblemBadPotential => ("the potential is not a positive amount: the customer has no share", "采购潜力不是正数金额：该客户没有占有率"),
        GrowShort => ("Grow", "重点拓展"),
        DefendShort => ("Defend", "重点维护"),
        MaintainShort => ("Maintain", "保持"),
        DeprioritiseShort => ("Deprioritise", "降低投入"),
        // The report's first page and accessibility names (issue 27).
        FindingsTitle => ("What we found", "主要发现"),
        FindingsHint => ("The figures behind each sentence are in the sections that follow.", "每句话背后的数字见后面各节。"),
        ReportFile => ("File", "文件"),
        PrintCutNote => ("The 20 largest of {n} are printed; the export holds all of them.", "打印了 {n} 位中最大的 20 位；导出文件包含全部客户。"),
        LoyaltyAxisLabel => ("Loyalty measured by", "忠诚度衡量方式"),
        WhatIfMeasure => ("Customers left out, lowest profit first", "去掉的客户（利润最低者优先）"),
        LoyaltyQuadrant => ("Quadrant", "象限"),
        RfmCorner => ("Recency score (rows) by frequency score (columns)", "最近购买得分（行）× 购买频次得分（列）"),
        AliveCorner => ("Repeat purchases (rows) by periods from first to last purchase (columns)", "重复购买次数（行）× 首次到最后一次购买的周期数（列）"),
        ShareQuadrant => ("Quadrant", "象限"),
        MasterProspectName => ("Name", "名称"),
        MasterProblemValue => ("Value", "值"),
    }
}

/// A section or figure a summary cannot give (`summary::Gap::section`).
pub fn gap_section(locale: Locale, section: &str) -> &'static str {
    let (en, zh) = match section {
        "clv" => ("Lifetime value models", "客户终身价值模型"),
        "holdout" => ("Holdout check", "验证期检验"),
        "holdout_tracking" => ("The holdout's weekly tracking", "验证期逐周跟踪"),
        "cohorts" => ("Retention cohorts", "留存同期群"),
        "reactivation" => ("Reactivated customers", "回流客户"),
        "revenue_at_risk" => ("Revenue at risk", "风险收入"),
        "customer_types" => (
            "Spend trend: high-performance, high-potential and risky big accounts",
            "消费趋势：高绩效、高潜力与风险大客户",
        ),
        "regularity" => ("Regularity of buying", "购买规律性"),
        "profit_clv" => (
            "Lifetime value as profit (shown as revenue)",
            "以利润计的终身价值（现以收入计）",
        ),
        "compare" => ("Key accounts over time", "大客户变化"),
        "trend" => ("Concentration over time", "集中度趋势"),
        _ => ("Another section", "其他部分"),
    };
    match locale {
        Locale::En => en,
        Locale::Zh => zh,
    }
}

/// One gap as a line: the section and what it needs.
pub fn gap_text(locale: Locale, gap: &crate::summary::Gap) -> String {
    let need = match (&gap.made_for, &gap.asked) {
        (Some(made), Some(asked)) => t(locale, Key::GapMadeFor)
            .replace("{made}", made)
            .replace("{asked}", asked),
        _ if gap.columns.is_empty() => t(locale, Key::GapNeedsLog).to_string(),
        _ => t(locale, Key::GapNeedsColumns).replace("{columns}", &gap.columns.join(", ")),
    };
    format!("{}: {need}", gap_section(locale, &gap.section))
}

/// A role's name as the user reads it.
/// Dimension keys as the reader says them: a role's name, or the header.
pub fn dimension_names(locale: Locale, keys: &[String]) -> Vec<String> {
    keys.iter()
        .map(|k| Role::from_key(k).map_or(k.clone(), |r| role_name(locale, r).to_string()))
        .collect()
}

pub fn role_name(locale: Locale, role: Role) -> &'static str {
    match locale {
        Locale::En => match role {
            Role::Customer => "Customer",
            Role::Date => "Date",
            Role::Amount => "Amount",
            Role::FirstPurchase => "First purchase",
            Role::LastPurchase => "Last purchase",
            Role::Orders => "Orders",
            Role::Margin => "Margin",
            Role::Profit => "Profit",
            Role::Quantity => "Quantity",
            Role::Product => "Product / category",
            Role::OrderId => "Order number",
            Role::Cost => "Cost",
            Role::CustomerName => "Customer name",
            Role::Industry => "Industry",
            Role::Region => "Region",
            Role::AccountManager => "Account manager",
            Role::Status => "Status / stage",
            Role::TransactionType => "Transaction type",
            Role::Refund => "Refunded amount",
            Role::UnitPrice => "Unit price",
            Role::RepeatRevenue => "Repeat revenue",
            Role::PreviousPurchase => "Previous purchase",
            Role::AsOf => "As of",
            Role::CalibrationEnd => "Calibration end",
            Role::OrdersCal => "Orders in calibration",
            Role::LastPurchaseCal => "Last purchase in calibration",
            Role::RepeatRevenueCal => "Repeat revenue in calibration",
            Role::OrdersHoldout => "Orders in holdout",
            Role::WindowDays => "Trend window (days)",
            Role::RevenueRecent => "Recent revenue",
            Role::RevenuePrevious => "Previous window's revenue",
            Role::RevenueLastYear => "Last year's revenue",
            Role::ActivePeriods => "Active months",
        },
        Locale::Zh => match role {
            Role::Customer => "客户",
            Role::Date => "日期",
            Role::Amount => "金额",
            Role::FirstPurchase => "首次购买日期",
            Role::LastPurchase => "最近购买日期",
            Role::Orders => "订单数",
            Role::Margin => "毛利率",
            Role::Profit => "毛利",
            Role::Quantity => "数量",
            Role::Product => "产品 / 品类",
            Role::OrderId => "订单号",
            Role::Cost => "成本",
            Role::CustomerName => "客户名称",
            Role::Industry => "行业",
            Role::Region => "地区",
            Role::AccountManager => "客户经理",
            Role::Status => "状态 / 阶段",
            Role::TransactionType => "交易类型",
            Role::Refund => "退款金额",
            Role::UnitPrice => "单价",
            Role::RepeatRevenue => "复购金额",
            Role::PreviousPurchase => "上次购买日期",
            Role::AsOf => "截止日期",
            Role::CalibrationEnd => "校准期结束日期",
            Role::OrdersCal => "校准期订单数",
            Role::LastPurchaseCal => "校准期最近购买日期",
            Role::RepeatRevenueCal => "校准期复购金额",
            Role::OrdersHoldout => "验证期订单数",
            Role::WindowDays => "趋势窗口天数",
            Role::RevenueRecent => "近期金额",
            Role::RevenuePrevious => "前期金额",
            Role::RevenueLastYear => "近一年金额",
            Role::ActivePeriods => "活跃月份",
        },
    }
}

/// Why one row was rejected, in the user's language.
pub fn rejection_text(locale: Locale, r: &Rejection) -> String {
    if locale == Locale::En {
        return r.reason.clone();
    }
    let v = &r.value;
    let role = r.role.map_or("单元格", |role| role_name(locale, role));
    match r.problem {
        ValueError::Empty => format!("{role}为空"),
        ValueError::DateOutOfRange => format!("“{v}”不在 1900 至 2199 年之间：是占位日期吗？"),
        ValueError::OutOfRange => format!("“{v}”超出可接受的最大金额（10^15）"),
        ValueError::NotACount => format!("“{v}”不是次数（应为 12 这样的整数）"),
        ValueError::NoDateOrder => format!("“{v}”年份在后，但文件中的其他日期无法判断日和月的先后"),
        ValueError::BadBytes => {
            format!("“{v}”含有非 UTF-8 字节（显示为 \u{FFFD}）：该字段被截断或损坏，请更正该行")
        }
        ValueError::FirstAfterLast => {
            format!("首次购买日期“{v}”晚于该行的最后购买日期：两列是否互换了？")
        }
        ValueError::Contradicts => {
            format!("“{v}”与该行的其他购买列（订单数、首次与最近购买日期、校准期结束日期）矛盾：汇总表是否由 docs/sql 生成？")
        }
        ValueError::NotMonths => {
            format!("“{v}”不是首月之后的月份列表（应为升序的偏移量或区间，如 1-3,5,9-12）")
        }
        ValueError::RepeatedCustomer => {
            format!("客户“{v}”已有一行：含模型列的汇总表每个客户只有一行")
        }
        ValueError::ParameterDiffers => {
            format!(
                "“{v}”与第一行不同：as_of、calibration_end 和 window_days 在整张汇总表中只有一个值"
            )
        }
        ValueError::ExtraCell => {
            format!("表头之外多出单元格“{v}”：可能是未加引号的值中含有分隔符（如 1,200.00）")
        }
        ValueError::NotADate => {
            format!("“{v}”不是日期（应为 2024-03-31、2024/3/31 或 20240331 等格式）")
        }
        ValueError::ImpossibleDate => format!("“{v}”不是真实存在的日期"),
        ValueError::NotANumber => {
            format!("“{v}”不是金额（应为 1234.50、¥1,234.50 或 (12.00) 等格式）")
        }
    }
}

/// A rejection count's label: "bad date" or "日期无效".
pub fn kind_text(locale: Locale, kind: &str) -> String {
    let parsed = kind
        .split_once(' ')
        .and_then(|(what, role)| Role::from_key(role).map(|role| (what == "empty", role)));
    match (locale, parsed) {
        (Locale::Zh, Some((true, role))) => format!("{}为空", role_name(locale, role)),
        (Locale::Zh, Some((false, role))) => format!("{}无效", role_name(locale, role)),
        (Locale::Zh, None) if kind == "extra cell" => "多出的单元格".into(),
        (Locale::Zh, None) if kind == "repeated customer" => "重复的客户".into(),
        _ => kind.to_string(),
    }
}

/// Why a file gave no dashboard, in the user's language.
pub fn failure_text(locale: Locale, failure: &Failure) -> String {
    match (locale, failure) {
        (_, Failure::Read(reason)) => format!("{}: {reason}", t(locale, Key::CannotRead)),
        (_, Failure::Stopped) => t(locale, Key::AnalysisStopped).to_string(),
        // The CLI's sentence names its flag; the page offers buttons instead.
        (Locale::En, Failure::Ingest(IngestError::AmbiguousDates { example, line })) => format!(
            "dates such as \"{example}\" (line {line}) put the year last, and no date in the file shows whether the day or the month comes first: choose the order"
        ),
        (Locale::En, Failure::Ingest(IngestError::AmbiguousDecimal { example, line })) => format!(
            "amounts such as \"{example}\" (line {line}) could use a decimal point or a decimal comma, and no amount in the file shows which: choose one"
        ),
        (Locale::En, Failure::Ingest(IngestError::AmbiguousColumn { role, candidates, .. })) => format!(
            "{} columns could be the {}: {} — their values differ and nothing in the file says which is right: choose one below",
            candidates.len(),
            role_name(locale, *role).to_lowercase(),
            quoted(candidates)
        ),
        (Locale::En, Failure::Ingest(IngestError::MissingColumn { role, expected, found, header_line, sheets, .. })) => format!(
            "no {} column: expected a header such as {expected}; the headers on line {header_line} are: {found}. Choose the column below, or the line the headers are on{}",
            role_name(locale, *role).to_lowercase(),
            if sheets.len() > 1 { format!(", or another sheet ({})", sheets.join(", ")) } else { String::new() }
        ),
        (Locale::En, Failure::Ingest(IngestError::AllExcluded { rows, values })) => format!(
            "all {rows} data rows were left out by their status ({}): none is revenue by the default rule; count them below if they are",
            values.join(", ")
        ),
        (Locale::En, Failure::Ingest(error)) => error.to_string(),
        (Locale::Zh, Failure::Ingest(error)) => error_zh(error),
    }
}

/// A setting that cannot be used, in the page's words: shares as the
/// page types them (in percent), the setting by its label.
pub fn settings_error(locale: Locale, error: &SettingsError) -> String {
    use SettingsError::*;
    let field = field_name(locale, error.field());
    let percent = is_percent(error.field());
    let shown = |v: f64| match percent {
        true => format!("{}%", crate::format::plain(v * 100.0)),
        false => crate::format::plain(v),
    };
    match (locale, error) {
        (Locale::En, NotANumber { text, .. }) => format!("{field}: \"{text}\" is not a number"),
        (Locale::Zh, NotANumber { text, .. }) => format!("{field}：“{text}”不是数字"),
        (Locale::En, NotWhole { text, .. }) => {
            format!("{field}: \"{text}\" is not a whole number")
        }
        (Locale::Zh, NotWhole { text, .. }) => format!("{field}：“{text}”不是整数"),
        (Locale::En, NotADate { text, .. }) => {
            format!("{field}: \"{text}\" is not a date in the form YYYY-MM-DD")
        }
        (Locale::Zh, NotADate { text, .. }) => {
            format!("{field}：“{text}”不是 YYYY-MM-DD 格式的日期")
        }
        (
            Locale::En,
            OutOfRange {
                value, min, max, ..
            },
        ) => format!(
            "{field}: {} is outside {} to {}",
            shown(*value),
            shown(*min),
            shown(*max)
        ),
        (
            Locale::Zh,
            OutOfRange {
                value, min, max, ..
            },
        ) => format!(
            "{field}：{} 不在 {} 到 {} 之间",
            shown(*value),
            shown(*min),
            shown(*max)
        ),
        (
            Locale::En,
            Malformed {
                text,
                expected,
                example,
                ..
            },
        ) => {
            format!("{field}: \"{text}\": expected {expected}, e.g. {example}")
        }
        (Locale::Zh, Malformed { text, example, .. }) => {
            format!("{field}：“{text}”格式不对，例如 {example}")
        }
        (Locale::En, NotOneOf { text, options, .. }) => {
            format!(
                "{field}: \"{text}\": expected one of {}",
                options.join(", ")
            )
        }
        (Locale::Zh, NotOneOf { text, options, .. }) => {
            format!("{field}：“{text}”应为 {} 之一", options.join("、"))
        }
        (Locale::En, NotAscending { low, high, .. }) => {
            format!("{field}: {} must be below {}", shown(*low), shown(*high))
        }
        (Locale::Zh, NotAscending { low, high, .. }) => {
            format!("{field}：{} 应小于 {}", shown(*low), shown(*high))
        }
        (Locale::En, DatesOutOfOrder { earlier, later, .. }) => format!("{field}: {earlier} is after {later}: each period runs from its start to its end, and period 1 ends before period 2 starts"),
        (Locale::Zh, DatesOutOfOrder { earlier, later, .. }) => format!("{field}：{earlier} 晚于 {later}：每个期间须从开始日到结束日，且期间 1 须在期间 2 开始前结束"),
    }
}

/// Settings the page shows in percent.
fn is_percent(field: Field) -> bool {
    matches!(
        field,
        Field::Dependency
            | Field::Margin
            | Field::Discount
            | Field::WhatIf
            | Field::TypeShares
            | Field::TierLimits
    )
}

fn field_name(locale: Locale, field: Field) -> String {
    let key = match field {
        Field::AsOf => Some(Key::AsOf),
        Field::TierBy | Field::TierLimits => Some(Key::TierRuleLabel),
        Field::Dependency => Some(Key::DependencyThreshold),
        Field::Margin => Some(Key::AssumedMargin),
        Field::Lifecycle => Some(Key::LifecycleThresholds),
        Field::Horizon => Some(Key::HorizonMonths),
        Field::Discount => Some(Key::DiscountMonthly),
        Field::RetentionPoints => Some(Key::RetentionPoints),
        Field::CalibrationEnd => Some(Key::CalibrationEnd),
        Field::RfmBreaks => Some(Key::RfmBreaksLabel),
        Field::Compare => Some(Key::ComparePeriods),
        _ => None,
    };
    key.map_or_else(|| field.flag().to_string(), |k| t(locale, k).to_string())
}

fn error_zh(error: &IngestError) -> String {
    use IngestError::*;
    match error {
        Settings(error) => settings_error(Locale::Zh, error),
        Empty => "文件是空的：需要一个带表头、每行一笔交易的 CSV 或 TSV 导出文件".into(),
        NotText { kind } => format!(
            "这个文件看起来是{}，不是文本表格：请导出为 CSV（UTF-8 或 GBK 编码）后重试",
            file_kind_zh(*kind)
        ),
        AmbiguousDates { example, line } => format!(
            "“{example}”（第 {line} 行）等日期年份在后，文件中没有任何日期能看出日和月哪个在前：请选择日期顺序"
        ),
        WorkbookBudget { what } => format!("工作簿过大，无法安全读取（{what}）：请将工作表导出为 CSV"),
        TooManyColumns { line, columns, limit } => format!("第 {line} 行有 {columns} 列，超过工作表最多的 {limit} 列：请检查分隔符，或只导出需要的列"),
        Workbook(reason) => {
            format!("无法读取该工作簿（{reason}）：请在 Excel 中重新保存，或将工作表导出为 CSV")
        }
        SheetNotFound { sheet, sheets } => {
            format!("工作簿中没有“{sheet}”工作表；现有工作表为：{sheets}")
        }
        UnknownEncoding(name) => {
            format!("未知编码“{name}”：请使用 utf-8、utf-16le、gbk 或 gb18030 等名称")
        }
        NoDataRows => "文件只有表头，没有数据行".into(),
        MissingColumn {
            role,
            expected,
            found,
            header_line,
            sheets,
            ..
        } => {
            let other_sheets = if sheets.len() > 1 {
                format!("，或换一个工作表（{}）", sheets.join("、"))
            } else {
                String::new()
            };
            format!(
                "找不到{}列：表头应类似 {expected}；第 {header_line} 行的表头为：{found}。请在下方选择该列，或指定表头所在的行{other_sheets}",
                role_name(Locale::Zh, *role)
            )
        }
        AmbiguousColumn {
            role, candidates, ..
        } => format!(
            "有 {} 列都可能是{}：{}——它们的值不同，文件中没有线索说明哪一列正确：请在下方选择",
            candidates.len(),
            role_name(Locale::Zh, *role),
            quoted(candidates)
        ),
        AmbiguousDecimal { example, line } => format!(
            "“{example}”（第 {line} 行）等金额既可能用小数点也可能用小数逗号，文件中没有任何金额能看出是哪一种：请选择"
        ),
        NoHeaderRow { line, example } => format!(
            "第 {line} 行看起来是数据而不是表头（例如“{example}”）：请加一行表头写明各列（如 客户、日期、金额），或指定表头所在的行"
        ),
        MixedCurrencies { header, values } => format!(
            "“{header}”列中的金额分属多种货币（{}）：相加会把不同货币混在一起；请先筛选为一种货币，或选择已折算的金额列",
            values.join("、")
        ),
        AllExcluded { rows, values } => format!(
            "{rows} 行数据都因状态被排除（{}）：按默认规则没有一行是收入；请在状态列表中勾选应计入的状态",
            values.join("、")
        ),
        HeaderRowNotFound { line } => {
            format!("文件第 {line} 行没有内容（或为空行）：请填写表头所在的行号，按文本编辑器或 Excel 的行号计")
        }
        MappedColumnNotFound {
            role,
            header,
            found,
        } => {
            format!("列映射 {role}={header}：文件中没有“{header}”列；文件的表头为：{found}")
        }
        UnknownRole(role, roles) => format!("列映射中的角色“{role}”未知：可用的角色为 {roles}"),
        Malformed { line, reason } => format!("第 {line} 行：无法按表格读取（{reason}）"),
        NothingBeforeAsOf { as_of, first } => {
            format!("分析日期 {as_of} 及之前没有交易：文件中的交易从 {first} 开始")
        }
        SummaryAsOf { asked, made } => format!(
            "汇总表截至 {made}（其 as_of 列），模型列只对这一天成立：请清空分析日期，或以 as_of = {asked} 重新运行 SQL"
        ),
        EmptyFilter { key, value, known } => {
            format!("没有客户的 {key} 为“{value}”；文件中的维度及取值：{known}")
        }
        TooLarge { bytes, limit } => format!(
            "文件大小为 {:.1} MB，页面最多读取 {} MB 的文件：更大的文件可能耗尽浏览器标签页的内存。请把交易汇总为每个客户一行（汇总格式：客户、首次购买日期、最近购买日期、订单数、收入；见 README 的“Bigger data”一节），或用 tierlens 命令行工具分析该文件",
            *bytes as f64 / 1e6,
            limit / 1_000_000
        ),
        NoUsableRows { rows, first } => format!(
            "{rows} 行数据都无法使用；第一个问题在第 {} 行第 {} 列：{}",
            first.line,
            first.column,
            rejection_text(Locale::Zh, first)
        ),
        MasterIsALog { file } => format!("客户档案 {file} 看起来是交易明细（有日期列），不是客户档案：请把它作为交易明细，另给一个每个客户一行的客户档案（客户编号，以及行业、地区、采购潜力等列）"),
        MasterNoKey { file, found } => format!("客户档案 {file} 没有可与交易明细对应的客户编号列（如 customer_id、客户编号或客户名称）；其表头为：{found}"),
        TwoLogs => "两个文件都是交易明细：请放入一个交易明细，以及一个客户档案（每个客户一行：客户编号，以及行业、地区、采购潜力等列）".into(),
        NoLog => "两个文件都没有交易日期：其中一个应是交易明细（客户、日期、金额），另一个是客户档案".into(),
    }
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// A decision made while reading, as (what, why) in the user's language.
pub fn decision_text(locale: Locale, d: &Decision) -> (String, String) {
    if locale == Locale::En {
        // The core's sentences end with the CLI flag; the page has controls.
        let why = d.why.split(" (--").next().unwrap_or(&d.why).to_string();
        return (d.what.clone(), why);
    }
    decision_zh(&d.detail)
}

fn list_zh(items: &[String]) -> String {
    let shown: Vec<String> = items.iter().take(8).map(|s| format!("“{s}”")).collect();
    let more = items.len().saturating_sub(8);
    if more > 0 {
        format!("{} 等 {} 项", shown.join("、"), items.len())
    } else {
        shown.join("、")
    }
}

fn decision_zh(d: &Detail) -> (String, String) {
    match d {
        Detail::HeaderRow { line, above } => (
            format!("表头取自第 {line} 行"),
            format!("其上方的行是标题而非表头：{}", list_zh(above)),
        ),
        Detail::RoleFromValues { role, header } => (
            format!("“{header}”被当作{}列", role_name(Locale::Zh, *role)),
            format!("没有表头标明{}，该列的值看起来是", role_name(Locale::Zh, *role)),
        ),
        Detail::NameAsKey { header } => (
            format!("用“{header}”区分客户"),
            "文件中没有客户编号或编码列，只能按名称区分：同名的两个客户会被算作一个".into(),
        ),
        Detail::AmountRanked { header, others } => (
            format!("“{header}”被当作金额"),
            format!("它代表实收或净收入，排在 {} 之前", list_zh(others)),
        ),
        Detail::TotalsExcluded { rows, first_line, example } => (
            format!("排除 {rows} 行合计、小计或页脚"),
            format!("“{example}”（第 {first_line} 行）这类行是其他行的汇总或报表说明，计入会重复计算收入"),
        ),
        Detail::FillDown { header, groups } => (
            format!("客户取自“{header}”列的 {groups} 个分组行并向下填充"),
            "该文件是按客户分组的报表：每个客户单独占一行，其明细在下方".into(),
        ),
        Detail::LineItems { rows, header } => (
            format!("{rows} 行明细并入其所属订单"),
            format!("这些行重复上一行的“{header}”，且没有自己的金额和日期：订单金额在第一行"),
        ),
        Detail::QuantityTimesPrice { quantity, price } => (
            format!("金额 =“{quantity}”×“{price}”"),
            "文件没有金额列，只有数量和单价".into(),
        ),
        Detail::Unit { header, factor } => (
            format!("“{header}”乘以 {factor}"),
            "其表头标明了金额的单位".into(),
        ),
        Detail::StatusExcluded { header, rows, amount, values } => (
            format!("按“{header}”排除 {rows} 行（合计 {amount:.2}）"),
            format!("这些状态表示没有收入：{}", list_zh(values)),
        ),
        Detail::RefundSubtracted { header, rows, total } => (
            format!("从金额中减去“{header}”（{rows} 行，共 {total:.2}）"),
            "退款是客户拿回的钱".into(),
        ),
        Detail::DecimalComma { header } => (
            format!("“{header}”按小数逗号读取（1.234,56）"),
            "该列的值只有这样读才说得通，例如 1.234,56 或 12,5".into(),
        ),
        Detail::Sheet { sheet, others } => (
            format!("读取工作表“{sheet}”"),
            format!("它最像交易明细：多数行有日期和金额；工作簿中的其他工作表：{}", list_zh(others)),
        ),
        Detail::Encoding { encoding } => (
            format!("按 {encoding} 编码解码"),
            "文件不是 UTF-8，其字节按此编码读取最合理".into(),
        ),
        Detail::Counterparty { from, to, owner } => (
            format!("客户取交易对方：“{from}”，当其为“{owner}”时取“{to}”"),
            format!("“{owner}”几乎出现在每一行，是账户本身；它发出的款项（退款）归属收款的一方"),
        ),
        Detail::DateOrder { order, line, example } => (
            match order {
                crate::ingest::values::DateOrder::Dmy => "日期按日在前读取（03/04/2024 为 4 月 3 日）".into(),
                crate::ingest::values::DateOrder::Mdy => "日期按月在前读取（03/04/2024 为 3 月 4 日）".into(),
            },
            format!("日期年份在后，大于 12 的部分说明了顺序，例如“{example}”（第 {line} 行）"),
        ),
        Detail::NotMoney { role, header } => (
            format!("“{header}”不作为{}", role_name(Locale::Zh, *role)),
            "它的值不是金额".into(),
        ),
        Detail::MasterPotential { header } => (
            format!("客户档案的“{header}”被当作采购潜力"),
            "其表头提到潜力或预算，但不是确切的名称".into(),
        ),
        Detail::MasterNoPotential { headers } => (
            "客户档案中没有采购潜力列：无法计算客户占有率".into(),
            format!("没有表头标明年采购潜力或采购预算（采购潜力、年采购预算、potential、wallet）；其表头为：{}", list_zh(headers)),
        ),
        Detail::MasterNameKey { header } => (
            format!("客户档案按“{header}”与交易明细对应"),
            "它没有客户编号或编码列，名称必须与交易明细中的客户完全一致".into(),
        ),
        Detail::MasterWins { dimensions, .. } => (
            format!("{} 取自客户档案", list_zh(&dimension_names(Locale::Zh, dimensions))),
            "两个文件都有这些列；客户档案中列出的客户以它为准（其余客户保留交易明细中的值）".into(),
        ),
        Detail::DuplicateHeader { header } => (
            format!("表头“{header}”出现多次"),
            format!("后面的同名列依次称为“{header} (2)”等；请检查每个角色用的是哪一列"),
        ),
    }
}

fn file_kind_zh(kind: FileKind) -> &'static str {
    match kind {
        FileKind::ZipOrXlsx => "ZIP 压缩包或 .xlsx 工作簿",
        FileKind::OldOffice => "旧版 Excel（.xls）或 Office 文件",
        FileKind::Pdf => "PDF 文档",
        FileKind::Png => "PNG 图片",
        FileKind::Jpeg => "JPEG 图片",
        FileKind::Gif => "GIF 图片",
        FileKind::Gzip => "gzip 压缩包",
        FileKind::Rar => "RAR 压缩包",
        FileKind::SevenZip => "7-Zip 压缩包",
        FileKind::Program => "可执行程序",
        FileKind::Utf16WithoutBom => "没有字节顺序标记（BOM）的 UTF-16 文本",
        FileKind::Binary => "二进制文件",
    }
}

/// An RFM segment's (name, recommended action).
pub fn segment_text(locale: Locale, segment: Segment) -> (&'static str, &'static str) {
    let (en, zh) = match segment {
        Segment::Champions => (
            (
                "Champions",
                "Reward them: early access, referrals, co-developed offers; ask for reviews.",
            ),
            (
                "冠军客户",
                "给予回馈：新品优先、推荐奖励、联合方案；邀请其评价与背书。",
            ),
        ),
        Segment::LoyalCustomers => (
            (
                "Loyal customers",
                "Upsell higher-value lines; invite to loyalty and account-review programmes.",
            ),
            ("忠诚客户", "推荐更高价值的产品线；纳入会员与客户回顾计划。"),
        ),
        Segment::PotentialLoyalists => (
            (
                "Potential loyalists",
                "Offer membership or a volume agreement; recommend related products.",
            ),
            ("潜在忠诚客户", "提供会员或年度采购协议；推荐相关产品。"),
        ),
        Segment::NewCustomers => (
            (
                "New customers",
                "Onboard well: a welcome call, first-order support, a second-order offer.",
            ),
            ("新客户", "做好新客引导：欢迎回访、首单支持、复购优惠。"),
        ),
        Segment::Promising => (
            (
                "Promising",
                "Build the relationship: samples, trials, a regular contact.",
            ),
            ("有潜力客户", "建立关系：试用、样品、定期联系。"),
        ),
        Segment::NeedAttention => (
            (
                "Need attention",
                "Limited-time offers based on past purchases; check satisfaction.",
            ),
            ("需要关注", "基于历史购买推出限时优惠；回访了解满意度。"),
        ),
        Segment::AboutToSleep => (
            (
                "About to sleep",
                "Reactivate with a relevant offer before they go dormant.",
            ),
            ("即将沉睡", "在其沉睡前以相关优惠唤醒。"),
        ),
        Segment::AtRisk => (
            (
                "At risk",
                "Personal outreach from the account manager; find out what changed.",
            ),
            ("流失风险", "客户经理亲自联系，了解发生了什么变化。"),
        ),
        Segment::CantLoseThem => (
            (
                "Can't lose them",
                "Win them back now: senior visit, tailored terms; do not lose to a competitor.",
            ),
            (
                "不能失去",
                "立即挽回：高层拜访、定制条款，防止被竞争对手夺走。",
            ),
        ),
        Segment::Hibernating => (
            (
                "Hibernating",
                "Low-cost reminders and catalogue updates; revive the relevant ones.",
            ),
            (
                "休眠客户",
                "低成本提醒与产品目录更新，唤醒其中有价值的客户。",
            ),
        ),
        Segment::Lost => (
            (
                "Lost",
                "Try one win-back campaign; otherwise stop spending on them.",
            ),
            ("已流失", "尝试一次挽回活动；无效则停止投入。"),
        ),
    };
    match locale {
        Locale::En => en,
        Locale::Zh => zh,
    }
}

/// An RFM class's (Chinese name, English gloss, action in Chinese, action in English).
pub fn class_text(class: Class) -> (&'static str, &'static str, &'static str, &'static str) {
    match class {
        Class::ImportantValue => (
            "重要价值客户",
            "Important value",
            "重点维护，提供 VIP 服务",
            "Keep them close: VIP service",
        ),
        Class::ImportantDevelop => (
            "重要发展客户",
            "Important to develop",
            "提高购买频次，推荐组合与年度协议",
            "Raise frequency: bundles, annual agreements",
        ),
        Class::ImportantKeep => (
            "重要保持客户",
            "Important to keep",
            "主动联系，防止流失",
            "Reach out before they drift away",
        ),
        Class::ImportantRetain => (
            "重要挽留客户",
            "Important to win back",
            "重点挽留，了解流失原因",
            "Win back: find out why they left",
        ),
        Class::GeneralValue => (
            "一般价值客户",
            "General value",
            "提升客单价，推荐高价值产品",
            "Raise order value: higher-value products",
        ),
        Class::GeneralDevelop => (
            "一般发展客户",
            "General, to develop",
            "低成本培育，引导复购",
            "Nurture cheaply, encourage repeat orders",
        ),
        Class::GeneralKeep => (
            "一般保持客户",
            "General, to keep",
            "常规维护，自助服务",
            "Routine contact, self-service",
        ),
        Class::GeneralRetain => (
            "一般挽留客户",
            "General, to win back",
            "低成本唤醒，必要时放弃",
            "Cheap reminders; let go if no response",
        ),
    }
}

/// Differentiated service, the default recommendation per tier (`None`:
/// the loss-making customers of any tier). From key-account practice: the
/// A/B/C "VIP card" model gives each tier its own cost to serve.
pub fn service(tier: Option<Tier>, locale: Locale) -> &'static str {
    match (tier, locale) {
        (Some(Tier::A), Locale::En) => "Dedicated account manager, quarterly business reviews, customised offers and priority delivery.",
        (Some(Tier::B), Locale::En) => "Regular reviews by the sales team, bundles and volume offers to grow them towards A.",
        (Some(Tier::C), Locale::En) => "Standard terms, self-service ordering and digital campaigns; keep the cost to serve low.",
        (None, Locale::En) => "Review prices, discounts and cost to serve; renegotiate terms or move to self-service.",
        (Some(Tier::A), Locale::Zh) => "专属客户经理，季度业务回顾，定制化方案与优先交付。",
        (Some(Tier::B), Locale::Zh) => "销售团队定期回访，组合套餐与批量优惠，推动其成长为 A 类。",
        (Some(Tier::C), Locale::Zh) => "标准条款、自助下单与线上营销，控制服务成本。",
        (None, Locale::Zh) => "复核价格、折扣与服务成本；重新谈判条款或转为自助服务。",
    }
}

/// An export column's header (`customer_table::csv::COLUMNS`,
/// `call_list::COLUMNS`) as the workbook shows it; the CSV keeps the keys.
/// An unknown key is its own header.
/// The template's three example rows (issue 23), in the order of
/// `template::ROLES`: customer, name, industry, region, account manager,
/// date (ISO), amount, cost.
pub fn template_rows(locale: Locale) -> [[&'static str; 8]; 3] {
    match locale {
        Locale::En => [
            [
                "C001",
                "Northwind Trading Ltd",
                "Manufacturing",
                "East",
                "Li Wei",
                "2025-01-15",
                "12500.00",
                "9800.00",
            ],
            [
                "C002",
                "Bluebird Retail",
                "Retail",
                "South",
                "Zhang Min",
                "2025-02-03",
                "3200.50",
                "2650.00",
            ],
            [
                "C001",
                "Northwind Trading Ltd",
                "Manufacturing",
                "East",
                "Li Wei",
                "2025-03-20",
                "8400.00",
                "6900.00",
            ],
        ],
        Locale::Zh => [
            [
                "C001",
                "华东精工有限公司",
                "制造业",
                "华东",
                "李伟",
                "2025-01-15",
                "12500.00",
                "9800.00",
            ],
            [
                "C002",
                "蓝鸟商贸",
                "零售",
                "华南",
                "张敏",
                "2025-02-03",
                "3200.50",
                "2650.00",
            ],
            [
                "C001",
                "华东精工有限公司",
                "制造业",
                "华东",
                "李伟",
                "2025-03-20",
                "8400.00",
                "6900.00",
            ],
        ],
    }
}

pub fn column_header(locale: Locale, key: &str) -> &str {
    let (en, zh) = match key {
        "rank" => ("Rank", "排名"),
        "customer_id" => ("Customer ID", "客户编号"),
        "customer_name" => ("Customer name", "客户名称"),
        "industry" => ("Industry", "行业"),
        "region" => ("Region", "地区"),
        "account_manager" => ("Account manager", "客户经理"),
        "tier" => ("Tier", "等级"),
        "types" => ("Customer types", "客户类型"),
        "loyalty_quadrant" => ("Loyalty quadrant", "忠诚度象限"),
        "revenue" => ("Revenue", "收入"),
        "share" => ("Revenue share", "收入占比"),
        "cumulative_share" => ("Cumulative share", "累计占比"),
        "profit" => ("Profit", "利润"),
        "transactions" => ("Transactions", "交易笔数"),
        "purchase_days" => ("Purchase days", "购买天数"),
        "first_purchase" => ("First purchase", "首次购买日期"),
        "last_purchase" => ("Last purchase", "最近购买日期"),
        "tenure_days" => ("Tenure (days)", "客户时长（天）"),
        "average_order_value" => ("Average order value", "平均订单金额"),
        "rfm_r" => ("RFM R", "RFM 最近度 R"),
        "rfm_f" => ("RFM F", "RFM 频率 F"),
        "rfm_m" => ("RFM M", "RFM 金额 M"),
        "rfm_segment" => ("RFM segment", "RFM 细分"),
        "rfm_class" => ("RFM class", "RFM 客户分类"),
        "lifecycle_stage" => ("Lifecycle stage", "生命周期阶段"),
        "expected_purchases" => ("Expected purchases", "预期购买次数"),
        "p_alive" => ("P(alive)", "活跃概率"),
        "expected_spend" => ("Expected spend", "预期消费"),
        "clv" => ("CLV", "客户终身价值"),
        "value_per_purchase" => ("Value per purchase", "每次购买价值"),
        "p_purchase_90d" => ("Buys in 90 days", "90 天内购买概率"),
        "expected_next_purchase" => ("Next purchase by", "预计下次购买"),
        "churn_risk" => ("Churn risk", "流失风险"),
        "potential" => ("Annual potential", "年采购潜力"),
        "customer_share" => ("Customer share", "客户占有率"),
        "headroom" => ("Headroom", "增长空间"),
        "movement" => ("Tier movement", "等级变动"),
        "revenue_before" => ("Revenue, period 1", "第一期收入"),
        "revenue_after" => ("Revenue, period 2", "第二期收入"),
        "change" => ("Change", "变化"),
        "dimension" => ("Dimension", "维度"),
        "value" => ("Value", "取值"),
        "customers" => ("Customers", "客户数"),
        "start" => ("Period 1 revenue", "期初收入"),
        "new" => ("New", "新增"),
        "lost" => ("Lost", "流失"),
        "expansion" => ("Expansion", "增长"),
        "contraction" => ("Contraction", "下降"),
        "end" => ("Period 2 revenue", "期末收入"),
        "nrr" => ("Net revenue retention", "净收入留存率"),
        "grr" => ("Gross revenue retention", "总收入留存率"),
        "reasons" => ("Why", "原因"),
        "value_at_stake" => ("At stake", "风险价值"),
        _ => (key, key),
    };
    match locale {
        Locale::En => en,
        Locale::Zh => zh,
    }
}

/// Why the workbook was not made, in the user's language.
pub fn xlsx_error(locale: Locale, error: &crate::xlsx::XlsxError) -> String {
    use crate::xlsx::XlsxError;
    match (locale, error) {
        (Locale::Zh, XlsxError::TooLarge { rows, limit }) => format!(
            "Excel 导出最多 {limit} 位客户，本次分析有 {rows} 位：请使用 CSV 导出，或筛选出更少的客户"
        ),
        (Locale::Zh, XlsxError::Writer(reason)) => format!("无法写入工作簿：{reason}"),
        (Locale::En, error) => error.to_string(),
    }
}

/// A note of the period comparison (`compare::Note`), with its dates.
pub fn compare_note(
    locale: Locale,
    note: crate::compare::Note,
    a: &crate::analysis::Analysis,
) -> String {
    use crate::compare::Note;
    let key = match note {
        Note::NoLog => Key::NoteNoLog,
        Note::Period1BeforeFile => Key::NotePeriod1BeforeFile,
        Note::Period1Empty => Key::NotePeriod1Empty,
        Note::Period2Empty => Key::NotePeriod2Empty,
        Note::Period2AfterAsOf => Key::NotePeriod2AfterAsOf,
    };
    let day = |i: usize, end: bool| {
        a.compare
            .periods
            .get(i)
            .map(|s| if end { s.end } else { s.start }.to_string())
            .unwrap_or_default()
    };
    t(locale, key)
        .replace("{start}", &day(0, false))
        .replace("{end}", &day(1, true))
        .replace("{as_of}", &a.as_of.to_string())
}

// The report's findings (issue 27): one template per sentence of
// `findings.rs`, its numbers filled in there.

/// Which sentence a finding is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingText {
    Top20Share,
    Customers80,
    LargestAccount,
    LargestAccountDependency,
    LossMakers,
    WhalePeak,
    Dormant,
    ClvTotal,
    ClvTotalInterval,
    CallList,
}

/// A finding's sentence with `{placeholders}` for its numbers.
pub fn finding_template(locale: Locale, text: FindingText) -> &'static str {
    use FindingText::*;
    let (en, zh) = match text {
        Top20Share => (
            "The top 20% of customers bring {share} of revenue.",
            "前 20% 的客户贡献了 {share} 的收入。",
        ),
        Customers80 => (
            "{customers} customers ({share}) bring 80% of revenue.",
            "{customers} 位客户（占 {share}）贡献了 80% 的收入。",
        ),
        LargestAccount => (
            "The largest account, {name}, is {share} of revenue.",
            "最大客户 {name} 占收入的 {share}。",
        ),
        LargestAccountDependency => (
            "The largest account, {name}, is {share} of revenue: above the {threshold} dependency threshold.",
            "最大客户 {name} 占收入的 {share}，超过 {threshold} 的依赖警戒线。",
        ),
        LossMakers => (
            "{customers} customers lose money, together {loss}.",
            "{customers} 位客户亏损，合计 {loss}。",
        ),
        WhalePeak => (
            "The most profitable {customers} customers ({share}) earn {peak} of total profit; the others lose the difference.",
            "利润最高的 {customers} 位客户（占 {share}）赚到总利润的 {peak}，其余客户亏掉了差额。",
        ),
        Dormant => (
            "{customers} dormant customers hold {revenue} of last year's revenue.",
            "{customers} 位休眠客户去年贡献了 {revenue} 的收入。",
        ),
        ClvTotal => (
            "Over the next {months} months the customers are expected to bring {total} of {basis}.",
            "预计未来 {months} 个月客户将带来 {total} 的{basis}。",
        ),
        ClvTotalInterval => (
            "Over the next {months} months the customers are expected to bring {total} of {basis} (between {lo} and {hi}, 9 times in 10).",
            "预计未来 {months} 个月客户将带来 {total} 的{basis}（90% 的可能在 {lo} 至 {hi} 之间）。",
        ),
        CallList => (
            "{customers} valuable customers may be leaving: the call list names them, most at stake first.",
            "{customers} 位高价值客户可能流失：致电名单按风险价值从高到低列出了他们。",
        ),
    };
    match locale {
        Locale::En => en,
        Locale::Zh => zh,
    }
}

/// What lifetime value is counted in: profit when costs are known.
pub fn value_basis(locale: Locale, profit: bool) -> &'static str {
    match (locale, profit) {
        (Locale::En, true) => "profit",
        (Locale::En, false) => "revenue",
        (Locale::Zh, true) => "利润",
        (Locale::Zh, false) => "收入",
    }
}

// Public surface of the metrics library: pure, incremental contact-centre metrics (service level, ASA,
// response times, handle time, abandonment, occupancy, CSAT) and wait estimates, computed from events.
export {};

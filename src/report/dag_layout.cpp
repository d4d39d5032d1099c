#include "dag_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "ontonet/core/error.hpp"

namespace ontonet::detail {

std::string node_name(const DagFigure& figure, std::size_t node) {
  return "\"" + figure.nodes[node].id + "\"";
}

// The distinct edges, in order of first appearance; throws for a bad index or duplicate ids.
std::vector<std::pair<std::size_t, std::size_t>> checked_edges(const DagFigure& figure) {
  const std::size_t n = figure.nodes.size();
  if (n == 0) throw ConfigError("figure", "a DAG figure needs at least one node");
  std::map<std::string, std::size_t> first_with_id;
  for (std::size_t i = 0; i < n; ++i) {
    const auto [at, added] = first_with_id.emplace(figure.nodes[i].id, i);
    if (!added) {
      throw ConfigError("figure", "DAG figure nodes " + std::to_string(at->second) + " and " +
                                      std::to_string(i) + " share the id " + node_name(figure, i) +
                                      ", expected unique ids");
    }
  }
  std::set<std::pair<std::size_t, std::size_t>> seen;
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  for (std::size_t k = 0; k < figure.edges.size(); ++k) {
    const auto [parent, child] = figure.edges[k];
    if (parent >= n || child >= n) {
      throw ConfigError("figure", "DAG figure edge " + std::to_string(k) + " (" +
                                      std::to_string(parent) + " -> " + std::to_string(child) +
                                      ") names a node index out of range, expected 0 to " +
                                      std::to_string(n - 1));
    }
    if (seen.insert(figure.edges[k]).second) edges.push_back(figure.edges[k]);
  }
  return edges;
}

// Longest path from a root to each node; throws naming a cycle if there is one.
std::vector<std::size_t> node_layers(
    const DagFigure& figure, const std::vector<std::pair<std::size_t, std::size_t>>& edges) {
  const std::size_t n = figure.nodes.size();
  std::vector<std::vector<std::size_t>> children(n), parents(n);
  std::vector<std::size_t> waiting(n, 0);  // parents not yet placed
  for (const auto& [parent, child] : edges) {
    children[parent].push_back(child);
    parents[child].push_back(parent);
    ++waiting[child];
  }
  std::vector<std::size_t> layer(n, 0), ready;
  for (std::size_t v = 0; v < n; ++v) {
    if (waiting[v] == 0) ready.push_back(v);
  }
  std::size_t placed = 0;
  while (!ready.empty()) {
    const std::size_t v = ready.back();
    ready.pop_back();
    ++placed;
    for (const std::size_t child : children[v]) {
      layer[child] = std::max(layer[child], layer[v] + 1);
      if (--waiting[child] == 0) ready.push_back(child);
    }
  }
  if (placed == n) return layer;
  // Every node left over has a parent left over: walking up from one must come back round.
  std::size_t v = 0;
  while (waiting[v] == 0) ++v;
  std::vector<std::size_t> walk;
  std::vector<std::size_t> seen_at(n, n);
  while (seen_at[v] == n) {
    seen_at[v] = walk.size();
    walk.push_back(v);
    v = *std::find_if(parents[v].begin(), parents[v].end(),
                      [&waiting](std::size_t p) { return waiting[p] > 0; });
  }
  std::string cycle = node_name(figure, v);
  for (std::size_t k = walk.size(); k-- > seen_at[v];) cycle += " -> " + node_name(figure, walk[k]);
  throw ConfigError("figure", "DAG figure edges form a cycle: " + cycle + ", expected a DAG");
}

namespace {

LayeredGraph layered_graph(const DagFigure& figure) {
  const auto edges = checked_edges(figure);
  LayeredGraph g;
  g.n_nodes = figure.nodes.size();
  g.layer = node_layers(figure, edges);
  g.up.resize(g.n_nodes);
  g.down.resize(g.n_nodes);
  for (const auto& [parent, child] : edges) {
    std::vector<std::size_t> chain{parent};
    for (std::size_t l = g.layer[parent] + 1; l < g.layer[child]; ++l) {
      chain.push_back(g.layer.size());
      g.layer.push_back(l);
      g.up.emplace_back();
      g.down.emplace_back();
    }
    chain.push_back(child);
    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
      g.down[chain[k]].push_back(chain[k + 1]);
      g.up[chain[k + 1]].push_back(chain[k]);
    }
    g.chains.push_back(chain);
  }
  return g;
}

void update_ranks(LayeredGraph& g) {
  g.rank.assign(g.layer.size(), 0);
  for (const auto& layer : g.order) {
    for (std::size_t i = 0; i < layer.size(); ++i) g.rank[layer[i]] = i;
  }
}

// Depth-first from the roots in input order, children in edge order: a start that keeps
// subtrees together.
void initial_order(LayeredGraph& g) {
  g.order.assign(*std::max_element(g.layer.begin(), g.layer.end()) + 1, {});
  std::vector<bool> visited(g.layer.size(), false);
  for (std::size_t root = 0; root < g.n_nodes; ++root) {
    if (!g.up[root].empty()) continue;
    std::vector<std::size_t> stack{root};
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      if (visited[v]) continue;
      visited[v] = true;
      g.order[g.layer[v]].push_back(v);
      for (auto child = g.down[v].rbegin(); child != g.down[v].rend(); ++child) {
        if (!visited[*child]) stack.push_back(*child);
      }
    }
  }
  update_ranks(g);
}

// Edge crossings between neighbouring layers: with the edges of a layer sorted by their upper
// then lower rank, each crosses the earlier ones that end further right below (a Fenwick tree
// counts them), O(E log V).
std::size_t crossings(const LayeredGraph& g) {
  std::size_t count = 0;
  for (std::size_t l = 0; l + 1 < g.order.size(); ++l) {
    std::vector<std::pair<std::size_t, std::size_t>> ends;  // (upper rank, lower rank)
    for (const std::size_t v : g.order[l]) {
      for (const std::size_t w : g.down[v]) ends.emplace_back(g.rank[v], g.rank[w]);
    }
    std::sort(ends.begin(), ends.end());
    const std::size_t n_lower = g.order[l + 1].size();
    std::vector<std::size_t> tree(n_lower + 1, 0);  // tree[i]: ends in a range of lower ranks
    for (std::size_t k = 0; k < ends.size(); ++k) {
      std::size_t at_or_left = 0;  // earlier ends with lower rank <= this one's
      for (std::size_t i = ends[k].second + 1; i > 0; i -= i & (~i + 1)) at_or_left += tree[i];
      count += k - at_or_left;
      for (std::size_t i = ends[k].second + 1; i <= n_lower; i += i & (~i + 1)) ++tree[i];
    }
  }
  return count;
}

// Sorts the vertices of `layer` that have neighbours by their neighbours' mean rank (ties keep
// their order); the others keep their places.
void sort_by_barycenter(LayeredGraph& g, std::size_t l,
                        const std::vector<std::vector<std::size_t>>& neighbours) {
  std::vector<std::size_t>& layer = g.order[l];
  std::vector<std::pair<double, std::size_t>> movable;
  for (const std::size_t v : layer) {
    if (neighbours[v].empty()) continue;
    double sum = 0;
    for (const std::size_t w : neighbours[v]) sum += static_cast<double>(g.rank[w]);
    movable.emplace_back(sum / static_cast<double>(neighbours[v].size()), v);
  }
  std::stable_sort(movable.begin(), movable.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t next = 0;
  for (std::size_t& v : layer) {
    if (!neighbours[v].empty()) v = movable[next++].second;
  }
  for (std::size_t i = 0; i < layer.size(); ++i) g.rank[layer[i]] = i;
}

void reduce_crossings(LayeredGraph& g) {
  auto best = g.order;
  std::size_t fewest = crossings(g);
  for (int sweep = 0; sweep < kOrderSweeps && fewest > 0; ++sweep) {
    for (int direction = 0; direction < 2; ++direction) {
      if (direction == 0) {
        for (std::size_t l = 1; l < g.order.size(); ++l) sort_by_barycenter(g, l, g.up);
      } else {
        for (std::size_t l = g.order.size() - 1; l-- > 0;) sort_by_barycenter(g, l, g.down);
      }
      const std::size_t count = crossings(g);
      if (count < fewest) {
        fewest = count;
        best = g.order;
      }
    }
  }
  g.order = best;
  update_ranks(g);
}

// The least distance between the centres of neighbours a and b in a layer of `rows` rows. Boxes of
// a 2-row layer alternate between the rows, half a box apart, so the space straight above and
// below every box stays free for its edges.
double separation(const LayeredGraph& g, std::size_t a, std::size_t b, std::size_t rows) {
  if (g.dummy(a) && g.dummy(b)) return kLane;
  if (g.dummy(a) || g.dummy(b)) return kBoxWidth / 2 + kLane;
  return (kBoxWidth + kBoxGap) / static_cast<double>(rows);
}

// x closest to `desired` in least squares with x[i + 1] - x[i] >= gaps[i]: with offsets c[i] =
// gaps[0] + ... + gaps[i - 1], y = x - c must be non-decreasing, an isotonic regression of
// desired - c (pool adjacent violators).
std::vector<double> placed(const std::vector<double>& desired, const std::vector<double>& gaps) {
  std::vector<double> offset(desired.size(), 0);
  for (std::size_t i = 1; i < desired.size(); ++i) offset[i] = offset[i - 1] + gaps[i - 1];
  struct Block {
    double sum;
    std::size_t count;
    double mean() const { return sum / static_cast<double>(count); }
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < desired.size(); ++i) {
    blocks.push_back({desired[i] - offset[i], 1});
    while (blocks.size() > 1 && blocks[blocks.size() - 2].mean() > blocks.back().mean()) {
      blocks[blocks.size() - 2].sum += blocks.back().sum;
      blocks[blocks.size() - 2].count += blocks.back().count;
      blocks.pop_back();
    }
  }
  std::vector<double> x;
  for (const Block& block : blocks) {
    for (std::size_t k = 0; k < block.count; ++k) x.push_back(block.mean() + offset[x.size()]);
  }
  return x;
}

void place_layer(LayeredGraph& g, std::size_t l,
                 const std::vector<std::vector<std::size_t>>& neighbours) {
  const std::vector<std::size_t>& layer = g.order[l];
  std::vector<double> desired, gaps;
  for (std::size_t i = 0; i < layer.size(); ++i) {
    const std::size_t v = layer[i];
    double sum = 0;
    for (const std::size_t w : neighbours[v]) sum += g.x[w];
    desired.push_back(neighbours[v].empty() ? g.x[v]
                                            : sum / static_cast<double>(neighbours[v].size()));
    if (i > 0) gaps.push_back(separation(g, layer[i - 1], v, g.rows[l]));
  }
  const std::vector<double> x = placed(desired, gaps);
  for (std::size_t i = 0; i < layer.size(); ++i) g.x[layer[i]] = x[i];
}

void assign_positions(LayeredGraph& g) {
  g.rows.assign(g.order.size(), 1);
  g.row.assign(g.layer.size(), 0);
  g.x.assign(g.layer.size(), 0);
  // A layer too wide for one row takes 2, and the figure is then as wide as that: other layers
  // stagger only if they would be wider still in one row.
  std::vector<double> one_row_width;
  double budget = kMaxRowWidth;
  for (const auto& layer : g.order) {
    const auto boxes = static_cast<double>(
        std::count_if(layer.begin(), layer.end(), [&g](auto v) { return !g.dummy(v); }));
    one_row_width.push_back(boxes * (kBoxWidth + kBoxGap) - kBoxGap);
    if (one_row_width.back() > kMaxRowWidth) {
      budget = std::max(budget, (boxes - 1) * (kBoxWidth + kBoxGap) / 2 + kBoxWidth);
    }
  }
  for (std::size_t l = 0; l < g.order.size(); ++l) {
    if (one_row_width[l] > budget) g.rows[l] = 2;
    std::size_t next_row = 0;
    for (const std::size_t v : g.order[l]) {
      if (!g.dummy(v)) g.row[v] = next_row++ % g.rows[l];
    }
    // Packed and centred on 0, until the sweeps pull nodes towards their neighbours.
    const std::vector<std::size_t>& layer = g.order[l];
    for (std::size_t i = 1; i < layer.size(); ++i) {
      g.x[layer[i]] = g.x[layer[i - 1]] + separation(g, layer[i - 1], layer[i], g.rows[l]);
    }
    const double centre = g.x[layer.back()] / 2;
    for (const std::size_t v : layer) g.x[v] -= centre;
  }
  for (int sweep = 0; sweep < kPositionSweeps; ++sweep) {
    for (std::size_t l = 1; l < g.order.size(); ++l) place_layer(g, l, g.up);
    for (std::size_t l = g.order.size() - 1; l-- > 0;) place_layer(g, l, g.down);
  }
  double left = g.x[0] - kBoxWidth / 2;
  for (std::size_t v = 0; v < g.x.size(); ++v) {
    left = std::min(left, g.x[v] - (g.dummy(v) ? kLane / 2 : kBoxWidth / 2));
  }
  for (double& x : g.x) x += kMargin - left;
}

}  // namespace

LayeredGraph laid_out(const DagFigure& figure) {
  LayeredGraph g = layered_graph(figure);
  initial_order(g);
  reduce_crossings(g);
  assign_positions(g);
  return g;
}

}  // namespace ontonet::detail

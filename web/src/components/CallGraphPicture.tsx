import { useMemo } from 'react'
import dagre from '@dagrejs/dagre'

import type { CallGraphSubset } from '@drift/napi'

export interface CallGraphPictureProps {
  subset: CallGraphSubset
  onPick: (id: string) => void
}

const NODE_HEIGHT = 26
const CHAR_WIDTH = 7

/**
 * A function's neighbourhood as a layered picture: callers above, callees below, laid out by
 * dagre (ranks, crossing reduction, coordinates) and drawn as SVG. A click picks a function.
 */
export function CallGraphPicture({ subset, onPick }: CallGraphPictureProps) {
  const layout = useMemo(() => {
    const graph = new dagre.graphlib.Graph({ multigraph: false })
    graph.setGraph({ rankdir: 'TB', nodesep: 16, ranksep: 36, marginx: 8, marginy: 8 })
    graph.setDefaultEdgeLabel(() => ({}))
    const label = (name: string) => (name.length > 28 ? `${name.slice(0, 27)}…` : name)
    const nodes = [subset.center, ...subset.callers.map((r) => r.function), ...subset.callees.map((r) => r.function)]
    for (const node of nodes) {
      if (graph.hasNode(node.id)) continue
      const text = label(node.qualifiedName)
      graph.setNode(node.id, { label: text, width: text.length * CHAR_WIDTH + 16, height: NODE_HEIGHT })
    }
    for (const edge of subset.edges) {
      if (graph.hasNode(edge.caller) && graph.hasNode(edge.callee) && edge.caller !== edge.callee) graph.setEdge(edge.caller, edge.callee, { strategy: edge.strategy })
    }
    dagre.layout(graph)
    const { width = 0, height = 0 } = graph.graph()
    return {
      width,
      height,
      nodes: graph.nodes().map((id) => ({ id, ...(graph.node(id) as { x: number; y: number; width: number; height: number; label: string }) })),
      edges: graph.edges().map((e) => ({ key: `${e.v}->${e.w}`, points: (graph.edge(e) as { points: { x: number; y: number }[] }).points, strategy: (graph.edge(e) as { strategy?: string }).strategy })),
    }
  }, [subset])

  return (
    <svg
      className="call-picture"
      data-testid="call-picture"
      data-nodes={layout.nodes.length}
      width="100%"
      viewBox={`0 0 ${Math.max(layout.width, 1)} ${Math.max(layout.height, 1)}`}
      role="img"
      aria-label={`Calls around ${subset.center.qualifiedName}`}
    >
      <defs>
        <marker id="call-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L8,4 L0,8 z" fill="currentColor" />
        </marker>
      </defs>
      {layout.edges.map((edge) => (
        <polyline
          key={edge.key}
          points={edge.points.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="none"
          stroke="currentColor"
          strokeOpacity={0.5}
          strokeDasharray={edge.strategy === 'callback' ? '1 3' : edge.strategy === 'fuzzy' || edge.strategy === 'export_based' ? '4 3' : undefined}
          markerEnd="url(#call-arrow)"
        >
          <title>{edge.strategy}</title>
        </polyline>
      ))}
      {layout.nodes.map((node) => (
        <g
          key={node.id}
          transform={`translate(${node.x - node.width / 2},${node.y - node.height / 2})`}
          onClick={() => onPick(node.id)}
          style={{ cursor: 'pointer' }}
          data-id={node.id}
        >
          <rect width={node.width} height={node.height} rx={4} className={node.id === subset.center.id ? 'center' : undefined} />
          <text x={8} y={NODE_HEIGHT / 2 + 4}>
            {node.label}
          </text>
          <title>{node.id}</title>
        </g>
      ))}
    </svg>
  )
}
